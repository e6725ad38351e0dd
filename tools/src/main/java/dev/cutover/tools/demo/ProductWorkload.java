package dev.cutover.tools.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the demo's products on one side, the way that side's application would: small
 * transactions that reprice the products it owns, add new ones and retire some, stamping each
 * row's update time. Each side owns its own products (a share of the seeded ones, and new ones under
 * its own code prefix), so the only conflicts are the one the demo makes on purpose. Deterministic
 * for a seed apart from the timestamps. Not thread-safe.
 */
final class ProductWorkload {

    /** One side's products table in that side's column names. */
    record Table(String name, String code, String description, String price, String updatedAt) {
    }

    static final Table LEGACY = new Table("prod_mstr", "prod_cd", "prod_desc", "price_amt", "upd_ts");
    static final Table NEW = new Table("products", "code", "description", "price", "updated_at");

    private static final String[] ITEMS = {"Espresso cup", "Teapot", "Milk jug", "Tea towel", "Coffee grinder",
        "Cake tin", "Bread knife", "Salad bowl", "Pepper mill", "Egg timer"};

    private final Connection connection;
    private final Table table;
    private final String prefix;
    private final Random random;
    private final List<String> liveCodes;
    private int nextNumber = 1;
    private long inserts;
    private long updates;
    private long deletes;

    /**
     * Uses {@code connection} for every write (switching it to manual commit).
     *
     * @param owned the existing products this side may change
     * @param prefix the code prefix of the products this side adds
     */
    ProductWorkload(Connection connection, Table table, List<String> owned, String prefix, long seed) throws SQLException {
        this.connection = connection;
        this.table = table;
        this.liveCodes = new ArrayList<>(owned);
        this.prefix = prefix;
        this.random = new Random(seed);
        connection.setAutoCommit(false);
    }

    /** Inserts the products {@code codes} into the legacy table in one transaction, stamped a day ago. */
    static void seed(Connection legacy, List<String> codes) throws SQLException {
        Random random = new Random(7);
        LocalDateTime yesterday = now().minusDays(1);
        boolean autoCommit = legacy.getAutoCommit();
        legacy.setAutoCommit(false);
        try (PreparedStatement insert = legacy.prepareStatement(insertSql(LEGACY))) {
            for (String code : codes) {
                bindInsert(insert, random, code, yesterday);
                insert.addBatch();
            }
            insert.executeBatch();
            legacy.commit();
        } finally {
            legacy.setAutoCommit(autoCommit);
        }
    }

    /** One transaction of {@code changes} random changes: mostly repricing, some new and retired products. */
    void step(int changes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(insertSql(table));
                PreparedStatement update = connection.prepareStatement("UPDATE " + table.name() + " SET " + table.price()
                        + " = ?, " + table.updatedAt() + " = ? WHERE " + table.code() + " = ?");
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + table.name() + " WHERE " + table.code() + " = ?")) {
            for (int i = 0; i < changes; i++) {
                int dice = random.nextInt(100);
                if (liveCodes.isEmpty() || dice < 25) {
                    String code = prefix + String.format("%04d", nextNumber++);
                    bindInsert(insert, random, code, now());
                    insert.executeUpdate();
                    liveCodes.add(code);
                    inserts++;
                } else if (dice < 90) {
                    update.setBigDecimal(1, price(random));
                    update.setObject(2, now());
                    update.setString(3, liveCodes.get(random.nextInt(liveCodes.size())));
                    update.executeUpdate();
                    updates++;
                } else {
                    int index = random.nextInt(liveCodes.size());
                    delete.setString(1, liveCodes.get(index));
                    delete.executeUpdate();
                    liveCodes.set(index, liveCodes.get(liveCodes.size() - 1));
                    liveCodes.remove(liveCodes.size() - 1);
                    deletes++;
                }
            }
        }
        connection.commit();
    }

    private static String insertSql(Table t) {
        return "INSERT INTO " + t.name() + " (" + t.code() + ", " + t.description() + ", " + t.price() + ", "
                + t.updatedAt() + ") VALUES (?, ?, ?, ?)";
    }

    private static void bindInsert(PreparedStatement insert, Random random, String code, LocalDateTime updatedAt)
            throws SQLException {
        insert.setString(1, code);
        insert.setString(2, ITEMS[random.nextInt(ITEMS.length)]);
        insert.setBigDecimal(3, price(random));
        insert.setObject(4, updatedAt);
    }

    private static BigDecimal price(Random random) {
        return BigDecimal.valueOf(100 + random.nextInt(9_900), 2);
    }

    /** The current time at PostgreSQL's timestamp precision, so what is written is what is read back. */
    static LocalDateTime now() {
        return LocalDateTime.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Changes written by {@link #step} so far. */
    long changes() {
        return inserts + updates + deletes;
    }

    /** A summary of what was written. */
    String describe() {
        return inserts + " inserts, " + updates + " updates, " + deletes + " deletes";
    }
}
