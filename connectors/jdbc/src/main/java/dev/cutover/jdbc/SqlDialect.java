package dev.cutover.jdbc;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.internal.CatalogQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything that differs between databases when Cutover reads and writes rows over JDBC:
 * identifier quoting, the upsert statement, native type mapping, value binding and reading, and
 * the classification of errors. One implementation per database family, provided by its
 * {@link DatabaseSupport} (found through {@link java.util.ServiceLoader}) and resolved by
 * {@link SqlDialects#forJdbcUrl(String)}.
 *
 * <p>Statements built here always quote identifiers and always bind values through {@code ?}
 * placeholders; no value is ever written into SQL text.
 *
 * <p>Implementations must be stateless and thread-safe, with a public no-argument constructor.
 * Methods never return null unless stated.
 */
public interface SqlDialect {

    /** A short lowercase name for messages, e.g. {@code postgresql}. */
    String name();

    /** The JDBC URL prefixes this dialect serves, e.g. {@code jdbc:postgresql:}; never empty. */
    List<String> urlPrefixes();

    /** True when this dialect serves {@code jdbcUrl}. */
    default boolean accepts(String jdbcUrl) {
        return urlPrefixes().stream().anyMatch(jdbcUrl::startsWith);
    }

    /**
     * The URL handed to the driver for {@code jdbcUrl}, which this dialect {@linkplain #accepts accepts}:
     * {@code jdbcUrl} itself unless the dialect's driver needs an option in the URL.
     */
    default String driverUrl(String jdbcUrl) {
        return jdbcUrl;
    }

    /**
     * Driver properties added to every connection (user and password are set separately).
     * Properties given in the JDBC URL take precedence where the driver says so.
     */
    Map<String, String> connectionProperties();

    /** Quotes one identifier so that any name (mixed case, reserved words, quotes inside) is taken literally. */
    String quoteIdentifier(String identifier);

    /**
     * {@code value} as a string literal that the database reads back as exactly {@code value} and
     * that cannot end before its closing quote, whatever the value holds. Only for SQL text that
     * cannot bind values (the row condition of a resync, which Debezium pastes into its own
     * queries); statements built here bind.
     *
     * @throws IllegalArgumentException when {@code value} contains a NUL character, which no text column holds
     */
    String stringLiteral(String value);

    /** The quoted, schema-qualified name of {@code table}. */
    default String qualifiedName(TableId table) {
        return table.schema().isEmpty()
                ? quoteIdentifier(table.table())
                : quoteIdentifier(table.schema()) + "." + quoteIdentifier(table.table());
    }

    /**
     * Where {@code table} lives in {@link java.sql.DatabaseMetaData} terms: the catalog argument
     * of {@code getColumns}/{@code getPrimaryKeys}/{@code getTables}. Null means "not used".
     */
    default String metadataCatalog(TableId table) {
        return null;
    }

    /** The schema argument of {@link java.sql.DatabaseMetaData} calls for {@code table}; null means "not used". */
    default String metadataSchema(TableId table) {
        return table.schema();
    }

    /**
     * The placeholder for a value of {@code column}: {@code ?}, or {@code ?} with a cast where the
     * database needs one to accept the bound value (e.g. PostgreSQL's {@code ?::jsonb}).
     */
    default String placeholder(ColumnDef column) {
        return "?";
    }

    /**
     * A statement that inserts a row with {@code columns} and, when a row with the same key
     * exists, sets exactly the non-key {@code columns} (others keep their values). An existing row
     * that already holds those values is not written at all, so the database logs nothing for it
     * and its capture sees no change (a two-way follower relies on this to take the arbiter's
     * version of its own write without writing it again). When {@code columns} holds only key
     * columns an existing row is left unchanged. Parameters are the {@code columns} in the given order.
     *
     * @param table the table; its key must be backed by a primary key or unique constraint
     * @param columns the columns to write, including every key column
     */
    String upsertStatement(TableSchema table, List<ColumnDef> columns);

    /**
     * A statement that inserts a row with {@code columns} unless a row with the same key exists,
     * committed or being inserted by a transaction still open (the statement then waits for that
     * transaction), in which case it changes nothing. Executed in a JDBC batch it must report
     * each row's update count: 1 when inserted, 0 when a row with the key was there. The applier
     * writes rows it read as missing with it, so that a row another writer inserted meanwhile is
     * found rather than overwritten. Parameters are {@link #insertIfAbsentParameters}.
     *
     * @param table the table; its key must be backed by a primary key or unique constraint
     * @param columns the columns to write, including every key column
     */
    String insertIfAbsentStatement(TableSchema table, List<ColumnDef> columns);

    /**
     * The parameters of {@link #insertIfAbsentStatement}{@code (table, columns)}, in order: the
     * {@code columns} unless the statement needs more (a dialect testing for the key with a
     * {@code NOT EXISTS} subquery appends the key columns in key order).
     */
    default List<ColumnDef> insertIfAbsentParameters(TableSchema table, List<ColumnDef> columns) {
        return columns;
    }

    /**
     * {@code UPDATE} of one row by key, setting {@code columns}; parameters are {@code columns} in
     * the given order, then the key columns in key order.
     *
     * @param columns the non-key columns to set; never empty
     */
    default String updateStatement(TableSchema table, List<ColumnDef> columns) {
        return "UPDATE " + qualifiedName(table.table()) + " SET "
                + columns.stream().map(c -> quoteIdentifier(c.name()) + " = " + placeholder(c)).collect(Collectors.joining(", "))
                + " WHERE " + keyPredicate(table);
    }

    /** {@code DELETE} of one row by key; parameters are the key columns in key order. */
    default String deleteStatement(TableSchema table) {
        return "DELETE FROM " + qualifiedName(table.table()) + " WHERE " + keyPredicate(table);
    }

    /**
     * {@code SELECT} of every column, ordered by key; with {@code keyCount > 0} restricted to
     * that many keys ({@code WHERE key IN (...)}), whose columns are the parameters in key order,
     * key after key.
     */
    default String selectStatement(TableSchema table, int keyCount) {
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(table.columns().stream().map(c -> quoteIdentifier(c.name())).collect(Collectors.joining(", ")))
                .append(" FROM ").append(qualifiedName(table.table()));
        if (keyCount > 0) {
            boolean composite = table.keyColumns().size() > 1;
            String one = composite ? "(" + "?, ".repeat(table.keyColumns().size() - 1) + "?)" : "?";
            sql.append(" WHERE ").append(composite ? "(" + quotedList(table.keyColumns()) + ")" : quotedList(table.keyColumns()))
                    .append(" IN (").append(String.join(", ", Collections.nCopies(keyCount, one))).append(')');
        }
        return sql.append(" ORDER BY ").append(quotedList(table.keyColumns())).toString();
    }

    /**
     * {@link #selectStatement} of {@code keyCount > 0} keys that also locks the rows found against
     * concurrent writers until the transaction ends ({@code ... ORDER BY key FOR UPDATE}): how the
     * applier reads the rows a conflict check compares against. The order by key makes every
     * applier lock rows in the same order, so two of them never wait for each other.
     *
     * @throws IllegalArgumentException when {@code keyCount} is not positive
     */
    default String selectForUpdateStatement(TableSchema table, int keyCount) {
        if (keyCount <= 0) {
            throw new IllegalArgumentException("a locking read of table " + table.table() + " needs at least one key, not " + keyCount);
        }
        return selectStatement(table, keyCount) + " FOR UPDATE";
    }

    /**
     * Creates the apply-marker table {@code table} unless it exists (see {@link ApplyMarker}):
     * {@code bridge} (text, primary key), {@code batch} (64-bit integer, not null),
     * {@code applied_at} (timestamp with time zone, not null). No parameters.
     */
    String applyMarkerTableStatement(TableId table);

    /**
     * Upserts one bridge's row of the apply-marker table {@code table}: inserts it with
     * {@code batch = 1}, or, when the row exists, sets {@code batch = batch + 1}; both set
     * {@code applied_at}. Parameters: the bridge name (a string), then {@code applied_at} (an
     * {@link java.time.Instant} bound by {@link #bind} as a {@code TIMESTAMPTZ} value).
     */
    String applyMarkerStatement(TableId table);

    /**
     * Commits the open transaction of {@code connection} and returns its id as this database's
     * change capture names it ({@link dev.cutover.core.event.ChangeEvent#transactionId()}), or
     * null when it wrote nothing (no capture will show it). By default commits and returns null:
     * the id is unknown.
     */
    default String commitNamingTransaction(Connection connection) throws SQLException {
        connection.commit();
        return null;
    }

    /**
     * The columns of {@code table} in declaration order, as the catalog of {@code connection}
     * describes them; empty when the table does not exist. By default read through
     * {@link java.sql.DatabaseMetaData#getColumns}.
     */
    default List<NativeColumn> columns(Connection connection, TableId table) throws SQLException {
        return CatalogQueries.columns(connection.getMetaData(), this, table);
    }

    /**
     * The columns of {@code table}'s key in key order: its primary key, by default read through
     * {@link java.sql.DatabaseMetaData#getPrimaryKeys}; empty when it has none.
     */
    default List<String> primaryKey(Connection connection, TableId table) throws SQLException {
        return CatalogQueries.primaryKey(connection.getMetaData(), this, table);
    }

    /**
     * Maps a column as {@link #columns(Connection, TableId)} describes it to its portable definition.
     *
     * @param table the table, for messages
     * @throws UnsupportedColumnTypeException when Cutover cannot carry values of this type
     */
    ColumnDef columnDef(TableId table, NativeColumn column) throws UnsupportedColumnTypeException;

    /**
     * Binds a canonical value (see {@link dev.cutover.core.event.RowImage}) of {@code column} to
     * parameter {@code index}, or SQL NULL of the column's type when {@code value} is null.
     *
     * @throws ClassCastException when {@code value} is not of the column type's canonical class
     */
    void bind(PreparedStatement statement, int index, ColumnDef column, Object value) throws SQLException;

    /** Reads the value of {@code column} at {@code index} of the current row as its canonical Java value, or null. */
    Object read(ResultSet row, int index, ColumnDef column) throws SQLException;

    /**
     * Classifies a failure: the one place that decides whether it is worth retrying, whether it
     * is the content of a change that the database refused, or whether retrying cannot help.
     */
    ErrorCategory classify(SQLException error);

    /**
     * The database's reason for {@code error}, fit for logs and dead-letter records: the error
     * code and primary message, naming constraints, columns and tables but never row values or
     * credentials.
     */
    String describe(SQLException error);

    private String keyPredicate(TableSchema table) {
        return table.keyColumns().stream().map(k -> quoteIdentifier(k) + " = ?").collect(Collectors.joining(" AND "));
    }

    private String quotedList(List<String> names) {
        return names.stream().map(this::quoteIdentifier).collect(Collectors.joining(", "));
    }
}
