package dev.cutover.jdbc;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.internal.CatalogQueries;
import dev.cutover.jdbc.internal.SimilarNames;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a table's {@link TableSchema} from the database catalog: its columns in declaration
 * order, each mapped to a portable type by the database's {@link SqlDialect}, their nullability,
 * and its primary key (as the dialect defines it) or a configured key.
 *
 * <p>Each call opens and closes its own connection. Thread-safe.
 */
public final class JdbcSchemaReader {

    private final JdbcConnectionFactory connections;
    private final SqlDialect dialect;

    public JdbcSchemaReader(JdbcConnectionFactory connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.dialect = connections.dialect();
    }

    /**
     * Reads {@code table} with its primary key.
     *
     * @return the schema; its key is empty when the table has no primary key
     * @throws TableNotFoundException when the table does not exist, listing similar tables of its schema
     * @throws UnsupportedColumnTypeException naming the first column whose type Cutover cannot carry
     * @throws JdbcSchemaException when the catalog cannot be read
     */
    public TableSchema read(TableId table) throws JdbcSchemaException {
        return read(table, List.of());
    }

    /**
     * Reads {@code table} with {@code keyColumns} as its key instead of the primary key.
     *
     * @param keyColumns the configured key, in key order; empty for the primary key
     * @throws JdbcSchemaException as {@link #read(TableId)}, and when a key column is not a
     *     column of the table or is named twice
     */
    public TableSchema read(TableId table, List<String> keyColumns) throws JdbcSchemaException {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(keyColumns, "keyColumns");
        try (Connection connection = connections.open()) {
            return read(connection, table, keyColumns);
        } catch (SQLException e) {
            throw new JdbcSchemaException("cannot read the schema of table " + table + " from " + connections + ": "
                    + dialect.describe(e), e);
        }
    }

    /**
     * The columns of {@code table} an insert may leave out: those with a default, auto-incremented
     * or generated; empty when the table has none (or does not exist).
     *
     * @throws JdbcSchemaException when the catalog cannot be read
     */
    public Set<String> defaultedColumns(TableId table) throws JdbcSchemaException {
        try (Connection connection = connections.open()) {
            return CatalogQueries.defaultedColumns(connection.getMetaData(), dialect, table);
        } catch (SQLException e) {
            throw new JdbcSchemaException("cannot read the column defaults of table " + table + " from " + connections + ": "
                    + dialect.describe(e), e);
        }
    }

    private TableSchema read(Connection connection, TableId table, List<String> keyColumns)
            throws SQLException, JdbcSchemaException {
        DatabaseMetaData meta = connection.getMetaData();
        List<NativeColumn> natives = dialect.columns(connection, table);
        if (natives.isEmpty()) {
            List<String> similar = SimilarNames.rank(table.table(), CatalogQueries.tableNames(meta, dialect, table));
            throw new TableNotFoundException(table, connection.getCatalog(), similar);
        }
        List<ColumnDef> columns = new ArrayList<>(natives.size());
        for (NativeColumn column : natives) {
            columns.add(dialect.columnDef(table, column));
        }
        List<String> key = keyColumns.isEmpty()
                ? dialect.primaryKey(connection, table)
                : checkedKey(table, connection.getCatalog(), keyColumns, columns);
        return new TableSchema(table, columns, key);
    }

    private static List<String> checkedKey(TableId table, String database, List<String> key, List<ColumnDef> columns)
            throws JdbcSchemaException {
        List<String> names = columns.stream().map(ColumnDef::name).toList();
        List<String> unknown = key.stream().filter(k -> !names.contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw new JdbcSchemaException("configured key column(s) " + unknown + " are not columns of table " + table
                    + " in database '" + database + "' (columns: " + names + ")");
        }
        if (new LinkedHashSet<>(key).size() != key.size()) {
            throw new JdbcSchemaException("configured key " + key + " of table " + table + " names a column twice");
        }
        return List.copyOf(key);
    }
}
