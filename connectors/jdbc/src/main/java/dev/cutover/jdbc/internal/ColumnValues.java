package dev.cutover.jdbc.internal;

import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.schema.ColumnDef;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;

/**
 * Binds canonical values to a driver's statements and reads them back, for the column types every
 * supported driver handles alike; a database's subclass says how text, UUIDs and instants travel
 * and which SQL type a null is bound as. Stateless.
 */
public abstract class ColumnValues {

    protected ColumnValues() {
    }

    /** Binds {@code value} (canonical for the column's type, or null) as parameter {@code index}. */
    public final void bind(PreparedStatement st, int index, ColumnDef column, Object value) throws SQLException {
        if (value == null) {
            st.setNull(index, nullType(column));
            return;
        }
        if (value instanceof SpecialValue special) {
            bindSpecial(st, index, column, special);
            return;
        }
        if (!holdsNonFiniteFloats() && (value instanceof Double || value instanceof Float) && !Double.isFinite(((Number) value).doubleValue())) {
            throw refusal(value.toString(), column);
        }
        switch (column.type()) {
            case BOOLEAN -> st.setBoolean(index, (Boolean) value);
            case INT16 -> st.setShort(index, (Short) value);
            case INT32 -> st.setInt(index, (Integer) value);
            case INT64 -> st.setLong(index, (Long) value);
            case FLOAT32 -> st.setFloat(index, (Float) value);
            case FLOAT64 -> st.setDouble(index, (Double) value);
            case DECIMAL -> st.setBigDecimal(index, (BigDecimal) value);
            case STRING -> bindText(st, index, column, (String) value);
            case JSON -> st.setString(index, (String) value);
            case BYTES -> st.setBytes(index, (byte[]) value);
            case UUID -> bindUuid(st, index, (UUID) value);
            case DATE -> st.setObject(index, (LocalDate) value);
            case TIME -> st.setObject(index, (LocalTime) value);
            case TIMESTAMP -> st.setObject(index, (LocalDateTime) value);
            case TIMESTAMPTZ -> bindInstant(st, index, (Instant) value);
        }
    }

    /** Reads column {@code index} of the current row as the canonical value of the column's type, or null. */
    public final Object read(ResultSet rs, int index, ColumnDef column) throws SQLException {
        SpecialValue special = SpecialValue.INFINITY.fits(column.type()) ? readSpecial(rs, index, column) : null;
        if (special != null) {
            return special;
        }
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
            case UUID -> readUuid(rs, index);
            case DATE -> rs.getObject(index, LocalDate.class);
            case TIME -> rs.getObject(index, LocalTime.class);
            case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
            case TIMESTAMPTZ -> readInstant(rs, index);
        };
        return rs.wasNull() ? null : value;
    }

    /**
     * Binds a {@link SpecialValue} of a column whose type {@linkplain SpecialValue#fits holds} it.
     * By default the database has no such value: the write is refused as a data exception
     * (SQLState 22003), which leaves this change out and applies the rest of the batch; it is
     * never written as a nearby ordinary value.
     */
    protected void bindSpecial(PreparedStatement st, int index, ColumnDef column, SpecialValue value) throws SQLException {
        throw refusal(value.text(column.type()), column);
    }

    /** True when the database's floating-point columns hold NaN and the infinities; when not, they are refused like special values. */
    protected boolean holdsNonFiniteFloats() {
        return true;
    }

    private SQLDataException refusal(String value, ColumnDef column) {
        return new SQLDataException(databaseName() + " cannot hold " + value + ": column '" + column.name() + "' ("
                + column.nativeType() + ") has no such value, so the change is left out rather than written as another value",
                "22003");
    }

    /** The database's name, for messages. */
    protected abstract String databaseName();

    /**
     * The {@link SpecialValue} a DECIMAL, DATE, TIMESTAMP or TIMESTAMPTZ column holds, or null when
     * it holds an ordinary value or null; by default the database has no special values.
     */
    protected SpecialValue readSpecial(ResultSet rs, int index, ColumnDef column) throws SQLException {
        return null;
    }

    /** The {@link java.sql.Types} a null of the column is bound as. */
    protected abstract int nullType(ColumnDef column);

    /** Binds a non-null {@code STRING}; as {@code varchar} unless the database needs otherwise. */
    protected void bindText(PreparedStatement st, int index, ColumnDef column, String value) throws SQLException {
        st.setString(index, value);
    }

    protected abstract void bindUuid(PreparedStatement st, int index, UUID value) throws SQLException;

    protected abstract void bindInstant(PreparedStatement st, int index, Instant value) throws SQLException;

    /** The column's UUID, or null when SQL NULL. */
    protected abstract UUID readUuid(ResultSet rs, int index) throws SQLException;

    /** The column's instant, or null when SQL NULL. */
    protected abstract Instant readInstant(ResultSet rs, int index) throws SQLException;
}
