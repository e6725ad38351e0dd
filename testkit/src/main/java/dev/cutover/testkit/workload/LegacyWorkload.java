package dev.cutover.testkit.workload;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes inserts, updates and deletes into the legacy customer table {@code cust_mstr} (the README's and the
 * demo's), the way a legacy application would: small transactions over a live key space.
 * Deterministic for a seed.
 * Not thread-safe.
 */
public final class LegacyWorkload {

    private static final String[] FIRST = {"Ada", "Grace", "Zoë", "Łukasz", "Søren", "Amélie", "李雷", "Renée", "José", "Ørjan"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Müller", "Kowalski", "Ødegaard", "Nuñez", "韩梅梅", "O'Brien"};

    private final Connection connection;
    private final Random random;
    private final List<Integer> liveIds = new ArrayList<>();
    private int nextId = 1;
    private long inserts;
    private long updates;
    private long deletes;

    /** Uses {@code connection} for every write (switching it to manual commit). */
    public LegacyWorkload(Connection connection, long seed) throws SQLException {
        this.connection = connection;
        this.random = new Random(seed);
        connection.setAutoCommit(false);
    }

    /** Inserts {@code rows} rows in transactions of up to a thousand. */
    public void seed(int rows) throws SQLException {
        int left = rows;
        while (left > 0) {
            int n = Math.min(1_000, left);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < n; i++) {
                    bindInsert(insert, nextId++);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
            left -= n;
        }
    }

    /** One transaction of {@code changes} random changes: mostly updates, some inserts and deletes. */
    public void step(int changes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT);
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE cust_mstr SET cust_nm = ?, stat_cd = ?, bal_amt = ? WHERE cust_id = ?");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM cust_mstr WHERE cust_id = ?")) {
            for (int i = 0; i < changes; i++) {
                int dice = random.nextInt(100);
                if (liveIds.isEmpty() || dice < 25) {
                    bindInsert(insert, nextId++);
                    insert.executeUpdate();
                    inserts++;
                } else if (dice < 85) {
                    update.setString(1, name());
                    update.setString(2, random.nextBoolean() ? "A" : "I");
                    update.setBigDecimal(3, balance());
                    update.setInt(4, liveIds.get(random.nextInt(liveIds.size())));
                    update.executeUpdate();
                    updates++;
                } else {
                    int index = random.nextInt(liveIds.size());
                    delete.setInt(1, liveIds.get(index));
                    delete.executeUpdate();
                    liveIds.set(index, liveIds.get(liveIds.size() - 1));
                    liveIds.remove(liveIds.size() - 1);
                    deletes++;
                }
            }
        }
        connection.commit();
    }

    private static final String INSERT =
            "INSERT INTO cust_mstr (cust_id, cust_nm, stat_cd, crt_epoch, bal_amt, legacy_only_col) VALUES (?, ?, ?, ?, ?, ?)";

    private void bindInsert(PreparedStatement insert, int id) throws SQLException {
        insert.setInt(1, id);
        insert.setString(2, name());
        insert.setString(3, random.nextInt(10) < 8 ? "A" : "I");
        insert.setLong(4, 1_500_000_000L + random.nextInt(200_000_000));
        insert.setBigDecimal(5, random.nextInt(10) == 0 ? null : balance());
        insert.setString(6, "internal-" + random.nextInt(1000));
        liveIds.add(id);
    }

    private String name() {
        return FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
    }

    private BigDecimal balance() {
        return BigDecimal.valueOf(random.nextInt(10_000_000) - 1_000_000, 2);
    }

    /** Changes written by {@link #step} so far (seeded rows not counted). */
    public long changes() {
        return inserts + updates + deletes;
    }

    /** A summary of what was written. */
    public String describe() {
        return inserts + " inserts, " + updates + " updates, " + deletes + " deletes";
    }
}
