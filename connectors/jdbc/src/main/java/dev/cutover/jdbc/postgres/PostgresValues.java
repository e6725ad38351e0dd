package dev.cutover.jdbc.postgres;

import dev.cutover.core.schema.ColumnDef;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Binds canonical values to pgjdbc statements and reads them back, so that a value written and
 * read again is equal to the original (timestamptz to the microsecond, numeric with its scale).
 * Stateless.
 */
final class PostgresValues {

    private PostgresValues() {
    }

    static void bind(PreparedStatement st, int index, ColumnDef column, Object value) throws SQLException {
        if (value == null) {
            st.setNull(index, nullType(column));
            return;
        }
        switch (column.type()) {
            case BOOLEAN -> st.setBoolean(index, (Boolean) value);
            case INT16 -> st.setShort(index, (Short) value);
            case INT32 -> st.setInt(index, (Integer) value);
            case INT64 -> st.setLong(index, (Long) value);
            case FLOAT32 -> st.setFloat(index, (Float) value);
            case FLOAT64 -> st.setDouble(index, (Double) value);
            case DECIMAL -> st.setBigDecimal(index, (BigDecimal) value);
            case STRING -> bindString(st, index, column, (String) value);
            case JSON -> st.setString(index, (String) value);
            case BYTES -> st.setBytes(index, (byte[]) value);
            case UUID -> st.setObject(index, (UUID) value);
            case DATE -> st.setObject(index, (LocalDate) value);
            case TIME -> st.setObject(index, (LocalTime) value);
            case TIMESTAMP -> st.setObject(index, (LocalDateTime) value);
            case TIMESTAMPTZ -> st.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC));
        }
    }

    /** Plain text goes as varchar; enums and citext go untyped, so the server converts to the column's own type. */
    private static void bindString(PreparedStatement st, int index, ColumnDef column, String value) throws SQLException {
        if (isPlainText(column)) {
            st.setString(index, value);
        } else {
            st.setObject(index, value, Types.OTHER);
        }
    }

    private static boolean isPlainText(ColumnDef column) {
        return PostgresTypes.PLAIN_TEXT_TYPES.contains(column.nativeType());
    }

    static int nullType(ColumnDef column) {
        return switch (column.type()) {
            case BOOLEAN -> Types.BOOLEAN;
            case INT16 -> Types.SMALLINT;
            case INT32 -> Types.INTEGER;
            case INT64 -> Types.BIGINT;
            case FLOAT32 -> Types.REAL;
            case FLOAT64 -> Types.DOUBLE;
            case DECIMAL -> Types.NUMERIC;
            case STRING -> isPlainText(column) ? Types.VARCHAR : Types.OTHER;
            case JSON -> Types.VARCHAR;
            case BYTES -> Types.BINARY;
            case UUID -> Types.OTHER;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TIMESTAMPTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
        };
    }

    static Object read(ResultSet rs, int index, ColumnDef column) throws SQLException {
        Object value = switch (column.type()) {
            case BOOLEAN -> rs.getBoolean(index);
            case INT16 -> rs.getShort(index);
            case INT32 -> rs.getInt(index);
            case INT64 -> rs.getLong(index);
            case FLOAT32 -> rs.getFloat(index);
            case FLOAT64 -> rs.getDouble(index);
            case DECIMAL -> rs.getBigDecimal(index);
            case STRING, JSON -> rs.getString(index);
            case BYTES -> rs.getBytes(index);
            case UUID -> rs.getObject(index, UUID.class);
            case DATE -> rs.getObject(index, LocalDate.class);
            case TIME -> rs.getObject(index, LocalTime.class);
            case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
            case TIMESTAMPTZ -> toInstant(rs.getObject(index, OffsetDateTime.class));
        };
        return rs.wasNull() ? null : value;
    }

    private static Instant toInstant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
