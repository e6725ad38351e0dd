package dev.cutover.jdbc.postgres;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.KeyGenerator;
import dev.cutover.jdbc.KeyGenerators;
import dev.cutover.jdbc.SqlDialect;
import dev.cutover.jdbc.internal.CatalogReads;
import dev.cutover.jdbc.internal.CurrentKeyGenerator;
import dev.cutover.jdbc.internal.KeyMaximum;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * PostgreSQL's key generators: the sequence of a {@code serial} or identity column (what
 * {@code pg_get_serial_sequence} finds) or the one a {@code DEFAULT nextval(...)} draws from (what
 * the default depends on), for {@code smallint}, {@code integer} and {@code bigint} columns.
 * Reading a sequence's position needs the {@code SELECT} privilege on it, moving it {@code UPDATE}.
 */
final class PostgresKeyGenerators implements KeyGenerators {

    /** The column's sequence with its settings; one row when there is one. */
    private static final String SEQUENCE = "SELECT a.attidentity <> '' AS identity, sn.nspname::text, sc.relname::text,"
            + " q.seqincrement, q.seqmin, q.seqmax"
            + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_catalog.pg_sequence q ON q.seqrelid = coalesce("
            + "   pg_catalog.pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname)::regclass,"
            + "   (SELECT d.refobjid FROM pg_catalog.pg_attrdef ad JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::regclass"
            + "     AND d.objid = ad.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass"
            + "     JOIN pg_catalog.pg_sequence ds ON ds.seqrelid = d.refobjid"
            + "     WHERE ad.adrelid = c.oid AND ad.adnum = a.attnum LIMIT 1))"
            + " JOIN pg_catalog.pg_class sc ON sc.oid = q.seqrelid JOIN pg_catalog.pg_namespace sn ON sn.oid = sc.relnamespace"
            + " WHERE n.nspname = ? AND c.relname = ? AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped"
            + " AND a.atttypid IN ('pg_catalog.int2'::regtype, 'pg_catalog.int4'::regtype, 'pg_catalog.int8'::regtype)";

    private final SqlDialect dialect;

    PostgresKeyGenerators(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** The catalog's description of a column's sequence, before its position is read. */
    private record Sequence(boolean identity, TableId name, long increment, long min, long max) {
    }

    @Override
    public Optional<KeyGenerator> find(Connection connection, TableId table, String column) throws SQLException {
        Optional<Sequence> sequence = CatalogReads.first(connection, SEQUENCE,
                rs -> new Sequence(rs.getBoolean(1), new TableId(rs.getString(2), rs.getString(3)), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6)),
                table.schema(), table.table(), column);
        if (sequence.isEmpty()) {
            return Optional.empty();
        }
        Sequence s = sequence.get();
        String name = dialect.qualifiedName(s.name());
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT last_value, is_called FROM " + name)) {
            rs.next();
            long last = rs.getLong(1);
            long next = rs.getBoolean(2) ? last + s.increment() : last;
            return Optional.of(new KeyGenerator(s.identity() ? KeyGenerator.Kind.IDENTITY : KeyGenerator.Kind.SEQUENCE, table, column,
                    name, next, s.increment(), s.increment() > 0 ? s.max() : s.min()));
        }
    }

    @Override
    public OptionalLong maxKey(Connection connection, TableId table, String column) throws SQLException {
        return KeyMaximum.read(connection, dialect, table, column);
    }

    @Override
    public KeyGenerator advancePast(Connection connection, KeyGenerator generator, long value) throws SQLException {
        KeyGenerator current = CurrentKeyGenerator.read(this, connection, generator);
        if (current.nextValue() > value) {
            return current;
        }
        // The next key: the first above value in the generator's own series, so that sides interleaved by their
        // increments (odd and even keys, say) stay apart. is_called = true: nextval() returns it next.
        long step = current.increment();
        long next = Math.addExact(value, 1) + Math.floorMod(current.nextValue() - (value + 1), step);
        try (PreparedStatement setval = connection.prepareStatement("SELECT pg_catalog.setval(?::regclass, ?, true)")) {
            setval.setString(1, current.object());
            setval.setLong(2, next - step);
            setval.executeQuery().close();
        }
        return CurrentKeyGenerator.read(this, connection, generator);
    }
}
