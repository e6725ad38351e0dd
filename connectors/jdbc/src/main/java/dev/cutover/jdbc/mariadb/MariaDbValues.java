package dev.cutover.jdbc.mariadb;

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
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Binds canonical values to MariaDB Connector/J statements and reads them back, so that a value
 * written and read again is equal to the original (to the column's fractional seconds, decimals
 * with their scale).
 *
 * <p>A {@code timestamp} is bound and read as the UTC wall-clock time of its instant, which the
 * server takes as meant: connections of {@link MariaDbDialect} run with session
 * {@code time_zone = '+00:00'}. Going through {@link LocalDateTime} keeps the driver from
 * converting through the JVM's time zone. UUIDs travel as their text, which the {@code uuid} type
 * parses. Stateless.
 */
final class MariaDbValues {

    private MariaDbValues() {
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
            case STRING, JSON -> st.setString(index, (String) value);
            case BYTES -> st.setBytes(index, (byte[]) value);
            case UUID -> st.setString(index, ((UUID) value).toString());
            case DATE -> st.setObject(index, (LocalDate) value);
            case TIME -> st.setObject(index, (LocalTime) value);
            case TIMESTAMP -> st.setObject(index, (LocalDateTime) value);
            case TIMESTAMPTZ -> st.setObject(index, LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
        }
    }

    static int nullType(ColumnDef column) {
        return switch (column.type()) {
            case BOOLEAN -> Types.BOOLEAN;
            case INT16 -> Types.SMALLINT;
            case INT32 -> Types.INTEGER;
            case INT64 -> Types.BIGINT;
            case FLOAT32 -> Types.REAL;
            case FLOAT64 -> Types.DOUBLE;
            case DECIMAL -> Types.DECIMAL;
            case STRING, JSON, UUID -> Types.VARCHAR;
            case BYTES -> Types.VARBINARY;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP, TIMESTAMPTZ -> Types.TIMESTAMP;
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
            case UUID -> toUuid(rs.getString(index));
            case DATE -> rs.getObject(index, LocalDate.class);
            case TIME -> rs.getObject(index, LocalTime.class);
            case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
            case TIMESTAMPTZ -> toInstant(rs.getObject(index, LocalDateTime.class));
        };
        return rs.wasNull() ? null : value;
    }

    private static UUID toUuid(String text) {
        return text == null ? null : UUID.fromString(text);
    }

    private static Instant toInstant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
