package dev.cutover.jdbc.mariadb;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.ErrorCategory;
import dev.cutover.jdbc.NativeColumn;
import dev.cutover.jdbc.SqlDialect;
import dev.cutover.jdbc.UnsupportedColumnTypeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The MariaDB/MySQL dialect (MariaDB Connector/J) for {@code jdbc:mariadb:} and {@code jdbc:mysql:}
 * URLs: {@code `backquoted`} identifiers, the database as the schema of a {@link TableId}, upserts
 * as {@code INSERT ... ON DUPLICATE KEY UPDATE}, and errors classified by server error code.
 *
 * <p>Connection properties, each for a reason the applier depends on:
 * <ul>
 *   <li>{@code useAffectedRows=false} (found rows): an {@code UPDATE} that finds its row reports 1
 *       even when it changes nothing, so the update of a partial image tells "found" from "missing";
 *   <li>{@code useBulkStmts=false}, {@code useBulkStmtsForInserts=false}: batches run statement by
 *       statement (pipelined), so each row reports its own update count (bulk execution reports
 *       none, and refuses {@code INSERT ... SELECT});
 *   <li>{@code connectionTimeZone=+00:00} with {@code forceConnectionTimeZoneToSession}: the
 *       session's {@code time_zone} is UTC, so a {@code timestamp} bound as the UTC wall-clock
 *       time of an instant holds that instant (see {@link MariaDbValues}), whatever the server's
 *       or the JVM's zone. ({@code preserveInstants} stays off: it would shift {@code datetime}
 *       values read as {@link java.time.LocalDateTime} by the JVM's zone);
 *   <li>{@code initSql} adds {@code STRICT_ALL_TABLES} (a value that does not fit is refused rather
 *       than truncated with a warning) and {@code NO_AUTO_VALUE_ON_ZERO} (a key 0 is written as 0,
 *       not replaced by the next auto-increment value) to the session's {@code sql_mode}.
 * </ul>
 * A {@code jdbc:mysql:} URL gets the driver option {@code permitMysqlScheme}, without which MariaDB
 * Connector/J does not take it. Stateless and thread-safe.
 */
public final class MariaDbDialect implements SqlDialect {

    private static final String MYSQL_PREFIX = "jdbc:mysql:";
    private static final String PERMIT_MYSQL = "permitMysqlScheme";

    private static final Map<String, String> CONNECTION_PROPERTIES = Map.of(
            "useAffectedRows", "false",
            "useBulkStmts", "false",
            "useBulkStmtsForInserts", "false",
            "connectionTimeZone", "+00:00",
            "forceConnectionTimeZoneToSession", "true",
            "initSql", "SET SESSION sql_mode = CONCAT_WS(',', @@SESSION.sql_mode, 'STRICT_ALL_TABLES', 'NO_AUTO_VALUE_ON_ZERO')");

    private static final MariaDbValues VALUES = new MariaDbValues();

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:mariadb:", MYSQL_PREFIX);
    }

    @Override
    public String driverUrl(String jdbcUrl) {
        if (!jdbcUrl.startsWith(MYSQL_PREFIX) || jdbcUrl.contains(PERMIT_MYSQL)) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.indexOf('?') < 0 ? "?" : "&") + PERMIT_MYSQL;
    }

    @Override
    public Map<String, String> connectionProperties() {
        return CONNECTION_PROPERTIES;
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    /**
     * {@code 'text'} with quotes and backslashes doubled: MariaDB reads a backslash as an escape by
     * default. Under the {@code NO_BACKSLASH_ESCAPES} SQL mode a value with backslashes then reads
     * with each doubled, but the literal still ends at its own closing quote.
     */
    @Override
    public String stringLiteral(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a text value for MariaDB SQL text cannot contain a NUL character");
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** The database: Connector/J reports databases as catalogs. */
    @Override
    public String metadataCatalog(TableId table) {
        return table.schema().isEmpty() ? null : table.schema();
    }

    @Override
    public String metadataSchema(TableId table) {
        return null;
    }

    /**
     * {@code INSERT ... VALUES (...) ON DUPLICATE KEY UPDATE k = IF(k <=> VALUES(k) AND ..., k, NULL), c = VALUES(c), ...}.
     *
     * <p>{@code ON DUPLICATE KEY} fires on any unique index, not only the key's. The first
     * assignment keeps the key of a row that has the incoming key and sets it to NULL on a row
     * met through another unique index, which the server refuses (error 1048, "cannot be null":
     * key columns are NOT NULL and sessions run in strict mode), so such a row is rejected rather
     * than written over another row, as PostgreSQL refuses it with a unique violation. An
     * existing row that already holds the values is not written (its update count is 1, as for a
     * row found, and the binary log records nothing).
     */
    @Override
    public String upsertStatement(TableSchema table, List<ColumnDef> columns) {
        List<String> key = table.keyColumns();
        String first = quoteIdentifier(key.get(0));
        String sameKey = key.stream().map(k -> quoteIdentifier(k) + " <=> VALUES(" + quoteIdentifier(k) + ")").collect(Collectors.joining(" AND "));
        List<String> assignments = new ArrayList<>();
        assignments.add(first + " = IF(" + sameKey + ", " + first + ", NULL)");
        columns.stream().map(ColumnDef::name).filter(c -> !key.contains(c))
                .forEach(c -> assignments.add(quoteIdentifier(c) + " = VALUES(" + quoteIdentifier(c) + ")"));
        return "INSERT INTO " + qualifiedName(table.table()) + " (" + columnList(columns) + ")"
                + " VALUES (" + placeholders(columns.size()) + ")"
                + " ON DUPLICATE KEY UPDATE " + String.join(", ", assignments);
    }

    /**
     * {@code INSERT INTO t (...) SELECT ?, ... FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM t WHERE key = ? FOR UPDATE)}:
     * reports 1 when it inserted and 0 when a row with the key was there. The locking subquery
     * waits for a transaction that inserted the key and has not ended, and then sees its row (a
     * plain subquery would not see it under READ COMMITTED, and the insert would then fail on the
     * duplicate key). {@code INSERT IGNORE} would also report 0, but turns other errors (NOT NULL,
     * CHECK, data too long) into warnings; {@code ON DUPLICATE KEY UPDATE} reports 1 for a row
     * found unchanged as well as for one inserted. Parameters: the columns, then the key columns
     * ({@link #insertIfAbsentParameters}).
     */
    @Override
    public String insertIfAbsentStatement(TableSchema table, List<ColumnDef> columns) {
        return "INSERT INTO " + qualifiedName(table.table()) + " (" + columnList(columns) + ")"
                + " SELECT " + placeholders(columns.size()) + " FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM " + qualifiedName(table.table())
                + " WHERE " + table.keyColumns().stream().map(k -> quoteIdentifier(k) + " = ?").collect(Collectors.joining(" AND "))
                + " FOR UPDATE)";
    }

    @Override
    public List<ColumnDef> insertIfAbsentParameters(TableSchema table, List<ColumnDef> columns) {
        List<ColumnDef> parameters = new ArrayList<>(columns);
        table.keyColumns().forEach(k -> parameters.add(columns.stream().filter(c -> c.name().equals(k)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the columns of an insert into " + table.table() + " lack key column '" + k + "'"))));
        return List.copyOf(parameters);
    }

    /**
     * InnoDB, so that the marker commits and rolls back with the batch whatever the server's
     * default engine; {@code applied_at} is a {@code timestamp(6)}, an instant.
     */
    @Override
    public String applyMarkerTableStatement(TableId table) {
        return "CREATE TABLE IF NOT EXISTS " + qualifiedName(table)
                + " (bridge VARCHAR(255) NOT NULL PRIMARY KEY, batch BIGINT NOT NULL, applied_at TIMESTAMP(6) NOT NULL) ENGINE=InnoDB";
    }

    @Override
    public String applyMarkerStatement(TableId table) {
        return "INSERT INTO " + qualifiedName(table) + " (bridge, batch, applied_at) VALUES (?, 1, ?)"
                + " ON DUPLICATE KEY UPDATE batch = batch + 1, applied_at = VALUES(applied_at)";
    }

    /**
     * The capture names a transaction by its GTID, which MariaDB assigns at commit: the session's
     * {@code last_gtid} names it afterwards, and stays as it was when nothing was written.
     */
    @Override
    public String commitNamingTransaction(Connection connection) throws SQLException {
        String before = lastGtid(connection);
        connection.commit();
        String after = lastGtid(connection);
        return after == null || after.isEmpty() || after.equals(before) ? null : after;
    }

    private static String lastGtid(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT @@last_gtid")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** From {@code information_schema} (see {@link MariaDbCatalog}), where MariaDB's json columns can be told from text. */
    @Override
    public List<NativeColumn> columns(Connection connection, TableId table) throws SQLException {
        return MariaDbCatalog.columns(connection, table);
    }

    /** The primary key, or for a table without one its first unique index over NOT NULL columns ({@link MariaDbCatalog#key}). */
    @Override
    public List<String> primaryKey(Connection connection, TableId table) throws SQLException {
        return MariaDbCatalog.key(connection, table);
    }

    @Override
    public ColumnDef columnDef(TableId table, NativeColumn column) throws UnsupportedColumnTypeException {
        return MariaDbTypes.columnDef(table, column);
    }

    @Override
    public void bind(PreparedStatement statement, int index, ColumnDef column, Object value) throws SQLException {
        VALUES.bind(statement, index, column, value);
    }

    @Override
    public Object read(ResultSet row, int index, ColumnDef column) throws SQLException {
        return VALUES.read(row, index, column);
    }

    @Override
    public ErrorCategory classify(SQLException error) {
        return MariaDbErrors.classify(error);
    }

    @Override
    public String describe(SQLException error) {
        return MariaDbErrors.describe(error);
    }

    private String columnList(List<ColumnDef> columns) {
        return columns.stream().map(c -> quoteIdentifier(c.name())).collect(Collectors.joining(", "));
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
