package dev.cutover.cli.it;

import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One system's random workload on one table of a two-way binding: single-row inserts (if the key
 * is free), updates of random columns and deletes over a small key space, each in its own
 * transaction, with short pauses. Everything random comes from the seeded {@link Random}, so a
 * seed replays the same workload (the interleaving with the other system's writer still varies).
 * Returns the number of statements that changed a row: each is one change the capture sees.
 */
final class RandomWriter implements Callable<Integer> {

    /** A table of the binding: its name and the names of its key, label, quantity and timestamp columns. */
    record Table(String name, String id, String label, String quantity, String stamp) {
    }

    /** Where timestamps start; each write takes the next millisecond from the shared clock. */
    static final LocalDateTime EPOCH = LocalDateTime.of(2026, 1, 1, 0, 0);

    private final PostgresTestDatabase database;
    private final Table table;
    private final Random random;
    private final int firstKey;
    private final int keys;
    private final int operations;
    private final boolean stampEveryWrite;
    private final AtomicLong clock;
    private final String tag;

    /**
     * @param stampEveryWrite true to set the timestamp column on every write (newest-wins orders by it)
     * @param clock shared by all writers, so timestamps are strictly increasing across both systems
     * @param tag starts every label this writer writes, to tell the systems' values apart
     */
    RandomWriter(PostgresTestDatabase database, Table table, Random random, int firstKey, int keys, int operations,
            boolean stampEveryWrite, AtomicLong clock, String tag) {
        this.database = database;
        this.table = table;
        this.random = random;
        this.firstKey = firstKey;
        this.keys = keys;
        this.operations = operations;
        this.stampEveryWrite = stampEveryWrite;
        this.clock = clock;
        this.tag = tag;
    }

    @Override
    public Integer call() throws SQLException, InterruptedException {
        int changed = 0;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(true);
            for (int i = 0; i < operations; i++) {
                int key = firstKey + random.nextInt(keys);
                int dice = random.nextInt(10);
                changed += dice < 3 ? insert(connection, key) : dice < 8 ? update(connection, key) : delete(connection, key);
                // workload shaping only: spreads the writes so both systems' changes interleave
                Thread.sleep(random.nextInt(4));
            }
        }
        return changed;
    }

    private int insert(Connection connection, int key) throws SQLException {
        String sql = "INSERT INTO " + table.name() + " (" + table.id() + ", " + table.label() + ", " + table.quantity() + ", "
                + table.stamp() + ") VALUES (?, ?, ?, ?) ON CONFLICT (" + table.id() + ") DO NOTHING";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setInt(1, key);
            s.setString(2, label());
            s.setInt(3, random.nextInt(20));
            s.setObject(4, nextStamp());
            return s.executeUpdate();
        }
    }

    /** Sets a random non-empty choice of columns (always the timestamp when every write stamps). */
    private int update(Connection connection, int key) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        boolean stamp = stampEveryWrite || random.nextBoolean();
        if (random.nextBoolean()) {
            columns.add(table.label());
            values.add(label());
        }
        if (random.nextBoolean()) {
            columns.add(table.quantity());
            values.add(random.nextInt(20));
        }
        if (stamp || columns.isEmpty()) {
            columns.add(table.stamp());
            values.add(nextStamp());
        }
        String sql = "UPDATE " + table.name() + " SET " + String.join(" = ?, ", columns) + " = ? WHERE " + table.id() + " = ?";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            s.setInt(values.size() + 1, key);
            return s.executeUpdate();
        }
    }

    private int delete(Connection connection, int key) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + table.name() + " WHERE " + table.id() + " = ?")) {
            s.setInt(1, key);
            return s.executeUpdate();
        }
    }

    /** A label from a small set, so a column is now and then set to the value it already holds. */
    private String label() {
        return tag + random.nextInt(30);
    }

    private LocalDateTime nextStamp() {
        return EPOCH.plusNanos(clock.incrementAndGet() * 1_000_000L);
    }
}
