package dev.cutover.runtime.batch;

import dev.cutover.core.schema.ColumnDef;
import java.util.HashSet;
import java.util.Set;

/**
 * The watermark an incremental copy reaches as it reads: the greatest value seen and the digests
 * of the rows that hold it. Not thread-safe: one copy reads on one thread.
 */
final class WatermarkBoundary {

    private Object max;
    private final Set<String> digests = new HashSet<>();

    /** @param last where the last copy stopped, or null before the first */
    WatermarkBoundary(Watermark last) {
        if (last != null) {
            max = last.value();
        }
    }

    /** True when a row with {@code value} may hold the greatest watermark: its digest is then needed. */
    boolean reaches(Object value) {
        return value != null && (max == null || Watermark.compare(value, max) >= 0);
    }

    /** Takes note of a row's watermark; {@code digest} is needed only when {@link #reaches} says so. */
    void see(Object value, String digest) {
        if (value == null) {
            return;
        }
        int order = Watermark.compare(value, max == null ? value : max);
        if (max == null || order > 0) {
            max = value;
            digests.clear();
        }
        if (Watermark.compare(value, max) == 0) {
            digests.add(digest);
        }
    }

    /** The watermark to store for {@code column}, or null when no copy has seen a value yet. */
    Watermark watermark(ColumnDef column) {
        return max == null ? null : new Watermark(column.name(), column.type(), max, digests);
    }
}
