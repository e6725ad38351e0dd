package dev.cutover.tools.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;

/**
 * The benchmark's tables, bindings and writes: bulk inserts, updates and deletes in transactions
 * of {@value #TRANSACTION_ROWS} rows, as a batch job on a legacy system would write (and, for the
 * two-way mixed phase, the same on the new system).
 */
final class BenchWorkload {

    static final int TRANSACTION_ROWS = 1_000;

    static final String LEGACY_DDL = """
            CREATE TABLE ord_hdr (
              ord_id   bigint PRIMARY KEY,
              cust_id  integer NOT NULL,
              amt      numeric(12,2) NOT NULL,
              stat_cd  char(1) NOT NULL,
              upd_ts   timestamp NOT NULL,
              note     text
            )""";

    static final String NEW_DDL = """
            CREATE TABLE orders (
              id           bigint PRIMARY KEY,
              customer_id  integer NOT NULL,
              amount       numeric(12,2) NOT NULL,
              status       text NOT NULL,
              updated_at   timestamp NOT NULL,
              note         text
            )""";

    /** The binding of a one-way bench: legacy writes flow into the new table. */
    static final String BINDING_YAML = binding("legacy-to-new", "");

    /**
     * The same binding two-way: the appliers check for conflicts and mark their transactions, and
     * each database's capture drops the echoes of those transactions.
     */
    static final String TWO_WAY_BINDING_YAML = binding("two-way",
            "        conflict: { policy: legacy-wins, set-replica-identity-full: true }\n");

    private static final String[] STATUS = {"N", "P", "S"};
    private static final LocalDateTime EPOCH = LocalDateTime.of(2020, 1, 1, 0, 0);

    private BenchWorkload() {
    }

    /** The one-way binding from {@code legacyTable} (the legacy table's shape on another database), as the bench's. */
    static String bindingFrom(String legacyTable) {
        return binding(legacyTable, "legacy-to-new", "");
    }

    private static String binding(String direction, String extra) {
        return binding("public.ord_hdr", direction, extra);
    }

    private static String binding(String legacyTable, String direction, String extra) {
        return """
                      - legacy: %s
                        new: public.orders
                        direction: %s
                        columns:
                          ord_id: id
                          cust_id: customer_id
                          amt: amount
                          stat_cd: { to: status, values: { N: new, P: paid, S: shipped } }
                          upd_ts: updated_at
                %s""".formatted(legacyTable, direction, extra);
    }

    static void createTables(Connection legacy, Connection neu) throws SQLException {
        try (Statement s = legacy.createStatement()) {
            s.execute(LEGACY_DDL);
        }
        try (Statement s = neu.createStatement()) {
            s.execute(NEW_DDL);
        }
    }

    /** Inserts ids {@code [from, from + count)}. */
    static void insert(Connection c, long from, int count) throws SQLException {
        write(c, "INSERT INTO ord_hdr (ord_id, cust_id, amt, stat_cd, upd_ts, note) VALUES (?, ?, ?, ?, ?, ?)",
                from, count, (ps, id) -> {
                    ps.setLong(1, id);
                    ps.setInt(2, (int) (id % 5_000));
                    ps.setBigDecimal(3, BigDecimal.valueOf(id * 37 % 1_000_000, 2));
                    ps.setString(4, STATUS[0]);
                    ps.setTimestamp(5, Timestamp.valueOf(EPOCH.plusSeconds(id)));
                    ps.setString(6, "order " + id);
                });
    }

    /** Updates ids {@code [from, from + count)}: new status, amount and time. */
    static void update(Connection c, long from, int count, int round) throws SQLException {
        write(c, "UPDATE ord_hdr SET stat_cd = ?, amt = ?, upd_ts = ? WHERE ord_id = ?", from, count, (ps, id) -> {
            ps.setString(1, STATUS[1 + ((round + 1) % 2)]);
            ps.setBigDecimal(2, BigDecimal.valueOf((id * 41 + round) % 1_000_000, 2));
            ps.setTimestamp(3, Timestamp.valueOf(EPOCH.plusSeconds(id + round * 86_400L)));
            ps.setLong(4, id);
        });
    }

    /** Deletes ids {@code [from, from + count)}. */
    static void delete(Connection c, long from, int count) throws SQLException {
        write(c, "DELETE FROM ord_hdr WHERE ord_id = ?", from, count, (ps, id) -> ps.setLong(1, id));
    }

    /** Inserts ids {@code [from, from + count)} into the new table, as the rewrite itself would. */
    static void insertNew(Connection c, long from, int count) throws SQLException {
        write(c, "INSERT INTO orders (id, customer_id, amount, status, updated_at, note) VALUES (?, ?, ?, ?, ?, ?)",
                from, count, (ps, id) -> {
                    ps.setLong(1, id);
                    ps.setInt(2, (int) (id % 5_000));
                    ps.setBigDecimal(3, BigDecimal.valueOf(id * 37 % 1_000_000, 2));
                    ps.setString(4, "new");
                    ps.setTimestamp(5, Timestamp.valueOf(EPOCH.plusSeconds(id)));
                    ps.setString(6, "order " + id);
                });
    }

    /** Updates ids {@code [from, from + count)} of the new table to status {@code paid}. */
    static void updateNew(Connection c, long from, int count) throws SQLException {
        write(c, "UPDATE orders SET status = 'paid', amount = ?, updated_at = ? WHERE id = ?", from, count, (ps, id) -> {
            ps.setBigDecimal(1, BigDecimal.valueOf((id * 43) % 1_000_000, 2));
            ps.setTimestamp(2, Timestamp.valueOf(EPOCH.plusSeconds(id + 86_400L)));
            ps.setLong(3, id);
        });
    }

    /** Deletes ids {@code [from, from + count)} from the new table. */
    static void deleteNew(Connection c, long from, int count) throws SQLException {
        write(c, "DELETE FROM orders WHERE id = ?", from, count, (ps, id) -> ps.setLong(1, id));
    }

    private interface Binder {
        void bind(PreparedStatement ps, long id) throws SQLException;
    }

    private static void write(Connection c, String sql, long from, int count, Binder binder) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < count; i++) {
                binder.bind(ps, from + i);
                ps.addBatch();
                if ((i + 1) % TRANSACTION_ROWS == 0 || i == count - 1) {
                    ps.executeBatch();
                    c.commit();
                }
            }
        }
    }
}
