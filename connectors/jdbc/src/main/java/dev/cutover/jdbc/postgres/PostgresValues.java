package dev.cutover.jdbc.postgres;

import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.jdbc.internal.ColumnValues;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.postgresql.util.PGobject;

/**
 * Binds canonical values to pgjdbc statements and reads them back, so that a value written and
 * read again is equal to the original (timestamptz to the microsecond, numeric with its scale).
 * Stateless.
 */
final class PostgresValues extends ColumnValues {

    /** Plain text goes as varchar; enums and citext go untyped, so the server converts to the column's own type. */
    @Override
    protected void bindText(PreparedStatement st, int index, ColumnDef column, String value) throws SQLException {
        if (isPlainText(column)) {
            st.setString(index, value);
        } else {
            st.setObject(index, value, Types.OTHER);
        }
    }

    private static boolean isPlainText(ColumnDef column) {
        return PostgresTypes.PLAIN_TEXT_TYPES.contains(column.nativeType());
    }

    @Override
    protected String databaseName() {
        return "PostgreSQL";
    }

    /** As text typed by the column's type, so the server parses {@code infinity} or {@code NaN} as that type's value. */
    @Override
    protected void bindSpecial(PreparedStatement st, int index, ColumnDef column, SpecialValue value) throws SQLException {
        PGobject typed = new PGobject();
        typed.setType(switch (column.type()) {
            case DECIMAL -> "numeric";
            case DATE -> "date";
            case TIMESTAMP -> "timestamp";
            default -> "timestamptz";
        });
        typed.setValue(value.text(column.type()));
        st.setObject(index, typed);
    }

    /** By the column's text, which is how PostgreSQL spells them; pgjdbc's numeric reader fails on NaN. */
    @Override
    protected SpecialValue readSpecial(ResultSet rs, int index, ColumnDef column) throws SQLException {
        return SpecialValue.parse(rs.getString(index), column.type());
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

    @Override
    protected void bindUuid(PreparedStatement st, int index, UUID value) throws SQLException {
        st.setObject(index, value);
    }

    @Override
    protected void bindInstant(PreparedStatement st, int index, Instant value) throws SQLException {
        st.setObject(index, value.atOffset(ZoneOffset.UTC));
    }

    @Override
    protected UUID readUuid(ResultSet rs, int index) throws SQLException {
        return rs.getObject(index, UUID.class);
    }

    @Override
    protected Instant readInstant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
