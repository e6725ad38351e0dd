package dev.cutover.jdbc;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.internal.RowQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads rows of a table as canonical {@link RowImage}s, ordered by key as the database orders
 * it. Values are read per {@link ColumnDef} by the database's {@link SqlDialect}, so a row written
 * by {@link JdbcApplier} reads back equal to the image written (timestamptz as
 * {@link java.time.Instant}, numeric as {@link java.math.BigDecimal}, JSON as its text...).
 *
 * <p>Each call opens and closes its own connection and reads in one read-only transaction.
 * Thread-safe.
 */
public final class JdbcRowReader {

    /** Bind parameters one statement may carry (pgjdbc's protocol limit is 32767). */
    static final int MAX_KEY_PARAMETERS = RowQueries.MAX_KEY_PARAMETERS;
    private static final int FETCH_SIZE = 1_000;

    private final JdbcConnectionFactory connections;
    private final SqlDialect dialect;

    public JdbcRowReader(JdbcConnectionFactory connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.dialect = connections.dialect();
    }

    /**
     * Every row of {@code table}, ordered by key.
     *
     * @throws IllegalArgumentException when the table has no key
     */
    public List<RowImage> readAll(TableSchema table) throws SQLException {
        List<RowImage> rows = new ArrayList<>();
        forEachRow(table, rows::add);
        return rows;
    }

    /**
     * Streams every row of {@code table}, ordered by key, to {@code action}, fetching a thousand
     * rows at a time.
     *
     * @return the number of rows read
     */
    public long forEachRow(TableSchema table, Consumer<RowImage> action) throws SQLException {
        return query(table, List.of(), action);
    }

    /**
     * The rows of {@code table} whose key is one of {@code keys}, ordered by key; keys without a
     * row are skipped.
     *
     * @param keys key images (the key columns and their canonical values); duplicates count once
     * @throws IllegalArgumentException when a key lacks a key column, or the keys need more than
     *     {@value #MAX_KEY_PARAMETERS} parameters (read fewer at a time)
     */
    public List<RowImage> readByKeys(TableSchema table, Collection<RowImage> keys) throws SQLException {
        List<RowImage> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        if (distinct.isEmpty()) {
            return List.of();
        }
        if ((long) distinct.size() * table.keyColumns().size() > MAX_KEY_PARAMETERS) {
            throw new IllegalArgumentException("cannot read " + distinct.size() + " keys of table " + table.table()
                    + " in one statement (at most " + MAX_KEY_PARAMETERS + " key values): read fewer at a time");
        }
        List<RowImage> rows = new ArrayList<>(distinct.size());
        query(table, distinct, rows::add);
        return rows;
    }

    private long query(TableSchema table, List<RowImage> keys, Consumer<RowImage> action) throws SQLException {
        if (table.keyColumns().isEmpty()) {
            throw new IllegalArgumentException("table " + table.table() + " has no key to order its rows by");
        }
        try (Connection connection = connections.open()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(dialect.selectStatement(table, keys.size()))) {
                statement.setFetchSize(FETCH_SIZE);
                RowQueries.bindKeys(dialect, statement, table, keys);
                long count = RowQueries.readRows(dialect, statement, table, action);
                connection.commit();
                return count;
            }
        }
    }
}
