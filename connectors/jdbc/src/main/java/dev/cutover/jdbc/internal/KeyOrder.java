package dev.cutover.jdbc.internal;

import dev.cutover.core.event.RowImage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A total order of key images of one table, column by column in key order: every applier sorts
 * the same keys the same way, so their locked reads take rows in the same order. Null sorts
 * first; canonical values of one class compare naturally (decimals by value, byte arrays
 * unsigned); values of different classes, which a well-formed key never mixes, by class name.
 * Stateless.
 */
final class KeyOrder implements Comparator<RowImage> {

    private final List<String> columns;

    KeyOrder(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    @Override
    public int compare(RowImage a, RowImage b) {
        for (String column : columns) {
            int order = compareValues(a.get(column), b.get(column));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable<?>) {
            return ((Comparable<Object>) a).compareTo(b);
        }
        int byClass = a.getClass().getName().compareTo(b.getClass().getName());
        return byClass != 0 ? byClass : a.toString().compareTo(b.toString());
    }
}
