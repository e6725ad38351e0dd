package dev.cutover.core.batch;

import java.util.Objects;

/**
 * How a {@code mode: batch} binding copies its source table. Immutable and thread-safe.
 *
 * @param schedule when copies run; the first runs at start
 * @param watermark the source column whose growth marks changed rows (incremental copy), or null
 *     for a full copy each run, which also finds deleted rows
 * @param pageSize rows read, mapped and published together; positive
 */
public record BatchSpec(Schedule schedule, String watermark, int pageSize) {

    /** Rows per page when the configuration names none. */
    public static final int DEFAULT_PAGE_SIZE = 5_000;

    public BatchSpec {
        Objects.requireNonNull(schedule, "schedule");
        if (watermark != null && watermark.isBlank()) {
            throw new IllegalArgumentException("the watermark column must not be blank");
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("the page size must be positive, got " + pageSize);
        }
    }

    /** True when each run copies only rows whose watermark grew, and so cannot see deletes. */
    public boolean incremental() {
        return watermark != null;
    }
}
