package dev.cutover.core.event;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable row: column names in table order, each with a canonical value.
 *
 * <p>Canonical values are the Java types every adapter converts to and from, so that mapping and
 * comparison never see driver- or format-specific classes: {@code null}, {@link Boolean},
 * {@link Short}, {@link Integer}, {@link Long}, {@link Float}, {@link Double},
 * {@link java.math.BigDecimal}, {@link String} (text, JSON, enums), {@code byte[]},
 * {@link java.util.UUID}, {@link java.time.LocalDate}, {@link java.time.LocalTime},
 * {@link java.time.LocalDateTime} (timestamp without time zone) and {@link java.time.Instant}
 * (timestamp with time zone), and {@link SpecialValue} for PostgreSQL's infinities and NaN where
 * the column's type {@linkplain SpecialValue#fits holds} them.
 *
 * <p>Equality compares decimals by value ({@code 1.50} equals {@code 1.5}) and byte arrays by
 * content, which is what "the same row" means when two databases are compared.
 */
public final class RowImage {

    private static final RowImage EMPTY = new RowImage(Collections.emptyMap());

    private final Map<String, Object> values;

    private RowImage(Map<String, Object> values) {
        this.values = values;
    }

    /** A row with no columns. */
    public static RowImage empty() {
        return EMPTY;
    }

    /** Copies {@code values}, keeping its iteration order. Null values are allowed. */
    public static RowImage of(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        return new RowImage(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** Starts an empty builder. */
    public static Builder builder() {
        return new Builder(16);
    }

    /** Starts an empty builder for about {@code columns} columns, so none of its puts resizes it. */
    public static Builder builder(int columns) {
        return new Builder((int) (columns / 0.75f) + 1);
    }

    /** The value of {@code column}, or null when it is null or absent (see {@link #has}). */
    public Object get(String column) {
        return values.get(column);
    }

    /** True when the row has the column, even with a null value. */
    public boolean has(String column) {
        return values.containsKey(column);
    }

    /** Column names in order. */
    public Set<String> columns() {
        return values.keySet();
    }

    /** An unmodifiable view of the columns and values, in order. */
    public Map<String, Object> asMap() {
        return values;
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * The row reduced to {@code columns}, in that order.
     *
     * @throws IllegalArgumentException naming the first column the row lacks
     */
    public RowImage project(List<String> columns) {
        Map<String, Object> projected = new LinkedHashMap<>(columns.size() * 2);
        for (String column : columns) {
            if (!values.containsKey(column)) {
                throw new IllegalArgumentException("row has no column '" + column + "' (columns: " + values.keySet() + ")");
            }
            projected.put(column, values.get(column));
        }
        return new RowImage(Collections.unmodifiableMap(projected));
    }

    /** True when both values are equal in the canonical sense used by {@link #equals}. */
    public static boolean sameValue(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return a.equals(b);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RowImage other) || other.values.size() != values.size()) {
            return false;
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!other.values.containsKey(e.getKey()) || !sameValue(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            h += e.getKey().hashCode() ^ valueHash(e.getValue());
        }
        return h;
    }

    private static int valueHash(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
        }
        if (v instanceof byte[] b) {
            return Arrays.hashCode(b);
        }
        return v.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            Object v = e.getValue();
            sb.append(e.getKey()).append('=').append(v instanceof byte[] b ? "bytes[" + b.length + "]" : v);
        }
        return sb.append('}').toString();
    }

    /** Builds a row column by column, keeping insertion order. Not thread-safe. */
    public static final class Builder {
        private Map<String, Object> values;
        /** True once a built row holds {@link #values}: a later put copies them first, so that row never changes. */
        private boolean shared;

        private Builder(int capacity) {
            this.values = new LinkedHashMap<>(capacity);
        }

        public Builder put(String column, Object value) {
            Objects.requireNonNull(column, "column");
            if (shared) {
                values = new LinkedHashMap<>(values);
                shared = false;
            }
            values.put(column, value);
            return this;
        }

        /** The row put so far; the builder can go on, without changing it. Copies nothing: rows are built once per change. */
        public RowImage build() {
            shared = true;
            return new RowImage(Collections.unmodifiableMap(values));
        }
    }
}
