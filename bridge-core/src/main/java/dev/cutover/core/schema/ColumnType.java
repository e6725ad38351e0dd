package dev.cutover.core.schema;

/**
 * The portable type of a column, the common ground between PostgreSQL, MariaDB/MySQL and Avro.
 * Each type names the canonical Java class its values take in a {@link dev.cutover.core.event.RowImage}.
 */
public enum ColumnType {
    BOOLEAN(Boolean.class),
    INT16(Short.class),
    INT32(Integer.class),
    INT64(Long.class),
    FLOAT32(Float.class),
    FLOAT64(Double.class),
    /** Exact numeric; {@link ColumnDef#precision()} and {@link ColumnDef#scale()} apply when known. */
    DECIMAL(java.math.BigDecimal.class),
    STRING(String.class),
    /** JSON document, carried as its text. */
    JSON(String.class),
    BYTES(byte[].class),
    UUID(java.util.UUID.class),
    DATE(java.time.LocalDate.class),
    TIME(java.time.LocalTime.class),
    /** Timestamp without time zone. */
    TIMESTAMP(java.time.LocalDateTime.class),
    /** Timestamp with time zone: an instant. */
    TIMESTAMPTZ(java.time.Instant.class);

    private final Class<?> javaType;

    ColumnType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** The canonical Java class of this type's values. */
    public Class<?> javaType() {
        return javaType;
    }

    /**
     * True when {@code value} is a canonical value of this type: an instance of {@link #javaType()},
     * or a {@link dev.cutover.core.event.SpecialValue} that {@linkplain dev.cutover.core.event.SpecialValue#fits fits} it.
     */
    public boolean accepts(Object value) {
        return javaType.isInstance(value) || value instanceof dev.cutover.core.event.SpecialValue special && special.fits(this);
    }
}
