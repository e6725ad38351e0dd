package dev.cutover.jdbc.mariadb;

import dev.cutover.core.schema.ColumnDef;
import dev.cutover.jdbc.internal.ColumnValues;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
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
final class MariaDbValues extends ColumnValues {

    /** MariaDB has no infinite dates or NaN decimals: special values are refused as {@link ColumnValues} does by default. */
    @Override
    protected String databaseName() {
        return "MariaDB";
    }

    /** MariaDB's {@code float} and {@code double} have no NaN or infinities either. */
    @Override
    protected boolean holdsNonFiniteFloats() {
        return false;
    }

    @Override
    protected int nullType(ColumnDef column) {
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

    @Override
    protected void bindUuid(PreparedStatement st, int index, UUID value) throws SQLException {
        st.setString(index, value.toString());
    }

    @Override
    protected void bindInstant(PreparedStatement st, int index, Instant value) throws SQLException {
        st.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    @Override
    protected UUID readUuid(ResultSet rs, int index) throws SQLException {
        String text = rs.getString(index);
        return text == null ? null : UUID.fromString(text);
    }

    @Override
    protected Instant readInstant(ResultSet rs, int index) throws SQLException {
        LocalDateTime utc = rs.getObject(index, LocalDateTime.class);
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
