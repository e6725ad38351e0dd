package dev.cutover.tools.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One application writing one table on its own thread and connection until closed: each round
 * inserts a row (its key from the table's generator) and updates one of the rows this writer
 * inserted, so two writers on the two sides of a two-way table never update the same row.
 */
public final class TableWriter implements AutoCloseable {

    /** The table and its columns: a generated key, a name and a city. */
    public record Table(String name, String key, String nameColumn, String cityColumn) {
        String insert() {
            return "INSERT INTO " + name + " (" + nameColumn + ", " + cityColumn + ") VALUES (?, ?) RETURNING " + key;
        }

        String update() {
            return "UPDATE " + name + " SET " + cityColumn + " = ? WHERE " + key + " = ?";
        }
    }

    private static final String[] CITIES = {"Lyon", "Porto", "Ghent", "Turin", "Leeds", "Graz", "Bergen", "Cork"};

    private final Connection db;
    private final Table table;
    private final String label;
    private final long pauseMillis;
    private final Random random = new Random(7);
    private final List<Long> inserted = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts writing.
     *
     * @param db a connection of its own (in auto-commit), closed with the writer
     * @param label the application's name, written into the rows it inserts
     * @param perSecond rounds per second, at most
     */
    public TableWriter(Connection db, Table table, String label, int perSecond) {
        this.db = db;
        this.table = table;
        this.label = label;
        this.pauseMillis = Math.max(1, 1000 / Math.max(1, perSecond));
        this.thread = new Thread(this::write, "writer-" + label);
        thread.setDaemon(true);
        thread.start();
    }

    private void write() {
        try (PreparedStatement insert = db.prepareStatement(table.insert()); PreparedStatement update = db.prepareStatement(table.update())) {
            while (running) {
                long n = written.incrementAndGet();
                insert.setString(1, label + " supplier " + n);
                insert.setString(2, CITIES[random.nextInt(CITIES.length)]);
                try (ResultSet key = insert.executeQuery()) {
                    key.next();
                    inserted.add(key.getLong(1));
                }
                update.setString(1, CITIES[random.nextInt(CITIES.length)]);
                update.setLong(2, inserted.get(random.nextInt(inserted.size())));
                update.executeUpdate();
                Thread.sleep(pauseMillis); // pacing the application's rate, not waiting for anything
            }
        } catch (SQLException e) {
            failure.set(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Rounds written so far. */
    public long written() {
        return written.get();
    }

    /**
     * Stops writing and waits for the last transaction.
     *
     * @throws IllegalStateException when a write failed, with the database's message
     */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        try {
            db.close();
        } catch (SQLException e) {
            failure.compareAndSet(null, e);
        }
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("the " + label + " application's write into " + table.name() + " failed: " + e.getMessage(), e);
        }
    }
}
