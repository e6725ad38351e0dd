package dev.cutover.runtime.batch;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.ResultRows;
import dev.cutover.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Streams the rows a batch copy reads: every row of a table, the rows whose watermark is at least
 * a value, or only the key columns. Identifiers are quoted by the database's dialect and values
 * bound. Each call reads in one read-only transaction on its own connection, fetching a page at a
 * time, so a whole table never sits in memory. Thread-safe.
 */
final class BatchTableReader {

    /** Takes one row; may throw to abort the read. */
    @FunctionalInterface
    interface RowSink {
        void accept(RowImage row) throws Exception;
    }

    private final JdbcConnectionFactory connections;
    private final SqlDialect dialect;
    private final int fetchSize;

    BatchTableReader(JdbcConnectionFactory connections, int fetchSize) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.dialect = connections.dialect();
        this.fetchSize = fetchSize;
    }

    /** Every row of {@code table}, ordered by key. */
    long forEachRow(TableSchema table, RowSink sink) throws Exception {
        return read(table, table.columns(), null, null, sink);
    }

    /** The rows of {@code table} whose {@code watermark} is at least {@code from}, ordered by key; null watermarks never match. */
    long forEachRowFrom(TableSchema table, ColumnDef watermark, Object from, RowSink sink) throws Exception {
        return read(table, table.columns(), watermark, Objects.requireNonNull(from, "from"), sink);
    }

    /** The key columns of every row of {@code table}, ordered by key. */
    long forEachKey(TableSchema table, RowSink sink) throws Exception {
        List<ColumnDef> keys = table.keyColumns().stream().map(k -> table.column(k).orElseThrow()).toList();
        return read(table, keys, null, null, sink);
    }

    private long read(TableSchema table, List<ColumnDef> columns, ColumnDef watermark, Object from, RowSink sink)
            throws Exception {
        try (Connection connection = connections.open()) {
            // Without autocommit PostgreSQL's driver fetches by cursor, a page at a time.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(select(table, columns, watermark))) {
                statement.setFetchSize(fetchSize);
                if (watermark != null) {
                    dialect.bind(statement, 1, watermark, from);
                }
                long count = ResultRows.read(dialect, statement, columns, sink::accept);
                connection.commit();
                return count;
            }
        }
    }

    private String select(TableSchema table, List<ColumnDef> columns, ColumnDef watermark) {
        String list = columns.stream().map(c -> dialect.quoteIdentifier(c.name())).collect(Collectors.joining(", "));
        String order = table.keyColumns().stream().map(dialect::quoteIdentifier).collect(Collectors.joining(", "));
        String where = watermark == null ? "" : " WHERE " + dialect.quoteIdentifier(watermark.name()) + " >= " + dialect.placeholder(watermark);
        return "SELECT " + list + " FROM " + dialect.qualifiedName(table.table()) + where + " ORDER BY " + order;
    }
}
