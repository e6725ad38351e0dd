package dev.cutover.jdbc.mariadb;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.KeyGenerator;
import dev.cutover.jdbc.KeyGenerators;
import dev.cutover.jdbc.SqlDialect;
import dev.cutover.jdbc.internal.CatalogReads;
import dev.cutover.jdbc.internal.CurrentKeyGenerator;
import dev.cutover.jdbc.internal.KeyMaximum;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * MariaDB's key generators: a column's {@code AUTO_INCREMENT}, with the table's counter from
 * {@code information_schema.TABLES} (read from the engine on every query; MariaDB caches no table
 * statistics there) and the server's {@code auto_increment_increment} and
 * {@code auto_increment_offset}, which every session starts with.
 */
final class MariaDbKeyGenerators implements KeyGenerators {

    private static final String AUTO_INCREMENT = "SELECT c.DATA_TYPE, c.COLUMN_TYPE LIKE '%unsigned%', t.AUTO_INCREMENT,"
            + " @@global.auto_increment_increment, @@global.auto_increment_offset"
            + " FROM information_schema.COLUMNS c JOIN information_schema.TABLES t"
            + " ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME"
            + " WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ? AND c.COLUMN_NAME = ? AND c.EXTRA LIKE '%auto_increment%'";

    /** The highest signed value of each integer type; an unsigned one reaches twice that plus one. */
    private static final Map<String, Long> SIGNED_MAX = Map.of("tinyint", (long) Byte.MAX_VALUE, "smallint", (long) Short.MAX_VALUE,
            "mediumint", 8_388_607L, "int", (long) Integer.MAX_VALUE, "bigint", Long.MAX_VALUE);

    private final SqlDialect dialect;

    MariaDbKeyGenerators(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** One catalog row: the column's type and the counter and server settings that generate its values. */
    private record Reading(String type, boolean unsigned, long counter, long increment, long offset) {
    }

    @Override
    public Optional<KeyGenerator> find(Connection connection, TableId table, String column) throws SQLException {
        Optional<Reading> reading = CatalogReads.first(connection, AUTO_INCREMENT,
                rs -> new Reading(rs.getString(1).toLowerCase(Locale.ROOT), rs.getBoolean(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                table.schema(), table.table(), column);
        return reading.filter(r -> SIGNED_MAX.containsKey(r.type())).map(r -> generator(table, column, r));
    }

    /** The generator of a reading: the first value of the series {@code offset + N * increment} at or above the counter. */
    private KeyGenerator generator(TableId table, String column, Reading r) {
        // InnoDB ignores an offset above the increment (it counts from 0 then).
        long offset = r.offset() > r.increment() ? 0 : r.offset();
        long counter = Math.max(r.counter(), 1);
        long next = counter + Math.floorMod(offset - counter, r.increment());
        long signedMax = SIGNED_MAX.get(r.type());
        long max = r.unsigned() && signedMax < Long.MAX_VALUE ? signedMax * 2 + 1 : signedMax;
        return new KeyGenerator(KeyGenerator.Kind.AUTO_INCREMENT, table, column, dialect.qualifiedName(table), next, r.increment(), max);
    }

    @Override
    public OptionalLong maxKey(Connection connection, TableId table, String column) throws SQLException {
        return KeyMaximum.read(connection, dialect, table, column);
    }

    /** Runs {@code ALTER TABLE ... AUTO_INCREMENT}, which commits the connection's open transaction as every MariaDB DDL does. */
    @Override
    public KeyGenerator advancePast(Connection connection, KeyGenerator generator, long value) throws SQLException {
        KeyGenerator current = CurrentKeyGenerator.read(this, connection, generator);
        if (current.nextValue() > value) {
            return current;
        }
        // A number, not a value from outside: DDL cannot bind it.
        try (Statement alter = connection.createStatement()) {
            alter.execute("ALTER TABLE " + current.object() + " AUTO_INCREMENT = " + Math.addExact(value, 1));
        }
        return CurrentKeyGenerator.read(this, connection, generator);
    }
}
