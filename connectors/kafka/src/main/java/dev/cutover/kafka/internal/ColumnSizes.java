package dev.cutover.kafka.internal;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many bytes the values of a row take, roughly as they travel: byte arrays by length, text by
 * its UTF-8 length, anything else by the length of its text form. For messages about changes too
 * large to send, which must say what is large without quoting it.
 *
 * <p>Stateless and thread-safe.
 */
public final class ColumnSizes {

    private ColumnSizes() {
    }

    /** Each column of {@code row} with the bytes its value takes (0 for null), in the row's order; empty for no row. */
    public static Map<String, Long> of(RowImage row) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        if (row != null) {
            row.asMap().forEach((column, value) -> sizes.put(column, size(value)));
        }
        return sizes;
    }

    /**
     * The {@code count} largest values of the change's images, largest first, e.g.
     * {@code after.payload 5242880 bytes, before.payload 5242880 bytes}.
     */
    public static String largest(ChangeEvent change, int count) {
        List<Map.Entry<String, Long>> all = new ArrayList<>();
        of(change.before()).forEach((column, size) -> all.add(Map.entry("before." + column, size)));
        of(change.after()).forEach((column, size) -> all.add(Map.entry("after." + column, size)));
        return String.join(", ", all.stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(count).map(e -> e.getKey() + " " + e.getValue() + " bytes").toList());
    }

    private static long size(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof byte[] bytes) {
            return bytes.length;
        }
        return utf8Length(value instanceof CharSequence text ? text : value.toString());
    }

    /** Counted, not encoded: the text may be megabytes long. */
    private static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
