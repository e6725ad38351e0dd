package dev.cutover.tools.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * Updates one product on both sides at once, so that the bridge meets a conflict for certain. An
 * open transaction on the new side locks the row while the legacy update commits, then updates it
 * and commits: the legacy change can reach the new row only after that, when the row no longer
 * holds the version the legacy change was made from, and the new change finds the legacy row
 * changed as well. The new side's update is the later one, so newest-wins keeps it.
 */
final class SimultaneousUpdate {

    /** What each side wrote to the product. */
    record Written(String code, BigDecimal legacyPrice, LocalDateTime legacyTime, BigDecimal newPrice, LocalDateTime newTime) {
    }

    private SimultaneousUpdate() {
    }

    /**
     * Waits until the product {@code code} exists on the new side, then updates it on both sides.
     *
     * @throws IllegalStateException when the product has not reached the new side within {@code timeout}
     */
    static Written run(EmbeddedDatabases databases, String code, Duration timeout) throws SQLException, InterruptedException {
        try (Connection legacy = databases.legacyConnection(); Connection neu = databases.newConnection()) {
            awaitNewRow(neu, code, timeout);
            BigDecimal legacyPrice = new BigDecimal("12.50");
            BigDecimal newPrice = new BigDecimal("14.00");
            neu.setAutoCommit(false);
            try (PreparedStatement lock = neu.prepareStatement("SELECT 1 FROM products WHERE code = ? FOR UPDATE");
                    PreparedStatement legacyUpdate = legacy.prepareStatement(
                            "UPDATE prod_mstr SET price_amt = ?, upd_ts = ? WHERE prod_cd = ?");
                    PreparedStatement newUpdate = neu.prepareStatement(
                            "UPDATE products SET price = ?, updated_at = ? WHERE code = ?")) {
                lock.setString(1, code);
                lock.executeQuery().close();
                LocalDateTime legacyTime = ProductWorkload.now();
                update(legacyUpdate, legacyPrice, legacyTime, code);
                LocalDateTime newTime = ProductWorkload.now();
                if (!newTime.isAfter(legacyTime)) {
                    newTime = legacyTime.plusNanos(1_000);
                }
                update(newUpdate, newPrice, newTime, code);
                neu.commit();
                return new Written(code, legacyPrice, legacyTime, newPrice, newTime);
            } catch (SQLException e) {
                neu.rollback();
                throw e;
            }
        }
    }

    private static void update(PreparedStatement update, BigDecimal price, LocalDateTime time, String code) throws SQLException {
        update.setBigDecimal(1, price);
        update.setObject(2, time);
        update.setString(3, code);
        if (update.executeUpdate() != 1) {
            throw new IllegalStateException("product " + code + " vanished before the simultaneous update");
        }
    }

    private static void awaitNewRow(Connection neu, String code, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement find = neu.prepareStatement("SELECT 1 FROM products WHERE code = ?")) {
            find.setString(1, code);
            while (true) {
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("product " + code + " seeded in prod_mstr has not reached the new table"
                            + " products after " + timeout.toSeconds() + " s, so the conflict cannot be staged");
                }
                Thread.sleep(200);
            }
        }
    }
}
