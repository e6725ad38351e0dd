package dev.cutover.jdbc.mariadb;

import static dev.cutover.jdbc.testing.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.AbstractJdbcApplierIT;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.jdbc.testing.Changes;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The applier scenarios of {@link AbstractJdbcApplierIT} on MariaDB, and what MariaDB's upsert needs beyond them. */
class MariaDbJdbcApplierIT extends AbstractJdbcApplierIT {

    private static MariaDbTestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = MariaDbTestDatabase.create("cutover_jdbc");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Override
    protected String jdbcUrl() {
        return db.jdbcUrl();
    }

    @Override
    protected String user() {
        return db.user();
    }

    @Override
    protected char[] password() {
        return db.password().toCharArray();
    }

    @Override
    protected String undefinedTableError() {
        return "error 1146 (SQLState 42S02)";
    }

    @Override
    protected void execute(String... sql) {
        db.execute(sql);
    }

    @Override
    protected TableId table(String name) {
        return new TableId(db.name(), name);
    }

    @Override
    protected void terminateConnections() {
        assertThat(db.terminateConnections()).isPositive();
    }

    /** The server's last binlogged GTID: this test's write, as nothing else writes meanwhile. */
    @Override
    protected String transactionThatWrote(long id) {
        return String.valueOf(db.queryRows("SELECT @@global.gtid_binlog_pos AS g").get(0).get("g"));
    }

    @Override
    protected int sessionsWaitingForLocks() {
        return lockWaiters().size();
    }

    @Override
    protected void terminateSessionsWaitingForLocks() {
        lockWaiters().forEach(id -> db.execute("KILL CONNECTION " + id));
    }

    private static List<Object> lockWaiters() {
        return db.queryRows("SELECT t.trx_mysql_thread_id AS id FROM information_schema.INNODB_TRX t"
                + " JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id"
                + " WHERE t.trx_state = 'LOCK WAIT' AND p.DB = '" + db.name() + "'").stream().map(r -> r.get("id")).toList();
    }

    @Test
    void writesTablesAndColumnsWhoseNamesNeedQuoting() throws Exception {
        db.execute("CREATE TABLE `Order` (`select` int PRIMARY KEY, `Total` decimal(10,2), `with ``quote` text)");
        TableSchema order = new JdbcSchemaReader(connections).read(table("Order"));
        Changes orders = new Changes(order.table(), "select");
        try (JdbcApplier applier = new JdbcApplier(connections, Map.of(order.table(), order))) {
            applier.apply(List.of(
                    orders.create("select", 1, "Total", dec("9.99"), "with `quote", "a"),
                    orders.create("select", 2, "Total", dec("1.00"), "with `quote", "b"),
                    orders.delete("select", 2)));
        }

        assertThat(new JdbcRowReader(connections).readAll(order))
                .containsExactly(row("select", 1, "Total", dec("9.99"), "with `quote", "a"));
        assertThat(db.queryRows("SELECT CAST(`Total` AS CHAR) AS total FROM `Order`")).containsExactly(Map.of("total", "9.99"));
    }

    @Test
    void upsertsThroughACompositeKeyAndReadsRowsByKey() throws Exception {
        db.execute("CREATE TABLE `lines` (order_id int, line int, qty int, PRIMARY KEY (order_id, line))");
        TableSchema lines = new JdbcSchemaReader(connections).read(table("lines"));
        Changes changes = new Changes(lines.table(), "order_id", "line");
        try (JdbcApplier applier = new JdbcApplier(connections, Map.of(lines.table(), lines))) {
            applier.apply(List.of(
                    changes.create("order_id", 1, "line", 1, "qty", 5),
                    changes.create("order_id", 1, "line", 2, "qty", 6),
                    changes.update("order_id", 1, "line", 1, "qty", 7)));
        }

        assertThat(new JdbcRowReader(connections).readByKeys(lines, List.of(row("order_id", 1, "line", 1), row("order_id", 9, "line", 9))))
                .containsExactly(row("order_id", 1, "line", 1, "qty", 7));
        assertThat(new JdbcRowReader(connections).readAll(lines)).extracting(r -> r.get("line")).containsExactly(1, 2);
    }

    /**
     * An {@code ON UPDATE CURRENT_TIMESTAMP} column, outside the applier's view of the table,
     * moves only when the server really rewrites the row.
     */
    @Test
    void anUpsertThatChangesNothingLeavesTheRowUnwritten() throws Exception {
        db.execute("CREATE TABLE docs (id int PRIMARY KEY, title text, body json,"
                + " written_at timestamp(6) NOT NULL DEFAULT '2000-01-01 00:00:00' ON UPDATE CURRENT_TIMESTAMP(6))");
        TableSchema read = new JdbcSchemaReader(connections).read(table("docs"));
        TableSchema docs = new TableSchema(read.table(), read.columns().subList(0, 3), read.keyColumns());
        Changes changes = new Changes(docs.table(), "id");
        try (JdbcApplier applier = new JdbcApplier(connections, Map.of(docs.table(), docs))) {
            applier.apply(List.of(changes.create("id", 1, "title", "a", "body", "{\"k\": 1}")));
            assertThat(writtenAt()).isEqualTo("2000-01-01 00:00:00.000000");

            applier.apply(List.of(changes.update("id", 1, "title", "a", "body", "{\"k\": 1}")));
            assertThat(writtenAt()).as("the same values again").isEqualTo("2000-01-01 00:00:00.000000");

            applier.apply(List.of(changes.update("id", 1, "title", "b", "body", "{\"k\": 1}")));
            assertThat(writtenAt()).as("a changed value is written").isNotEqualTo("2000-01-01 00:00:00.000000");
        }
        assertThat(db.queryRows("SELECT title FROM docs")).containsExactly(Map.of("title", "b"));
    }

    private static Object writtenAt() {
        return db.queryRows("SELECT CAST(written_at AS CHAR) AS w FROM docs WHERE id = 1").get(0).get("w");
    }

    @Test
    void aNewRowCollidingWithAnotherOnASecondUniqueKeyIsRejectedNotWrittenOverIt() throws Exception {
        db.execute("CREATE TABLE users (id int PRIMARY KEY, email varchar(100) NOT NULL UNIQUE, name varchar(50))",
                "INSERT INTO users VALUES (1, 'ann@example.com', 'ann')");
        TableSchema users = new JdbcSchemaReader(connections).read(table("users"));
        Changes changes = new Changes(users.table(), "id");
        ChangeEvent colliding = changes.create("id", 2, "email", "ann@example.com", "name", "bob");
        ChangeEvent fits = changes.create("id", 3, "email", "cid@example.com", "name", "cid");
        ChangeEvent sameKey = changes.update("id", 1, "email", "ann@example.com", "name", "ann2");
        ApplyResult result;
        try (JdbcApplier applier = new JdbcApplier(connections, Map.of(users.table(), users))) {
            result = applier.apply(List.of(colliding, fits, sameKey));
        }

        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.change()).isSameAs(colliding);
            assertThat(r.reason()).contains("error 1048").contains("'id'").doesNotContain("ann@example.com");
        });
        assertThat(result.applied()).containsExactly(fits, sameKey);
        assertThat(new JdbcRowReader(connections).readAll(users)).containsExactly(
                row("id", 1, "email", "ann@example.com", "name", "ann2"),
                row("id", 3, "email", "cid@example.com", "name", "cid"));
    }

    @Test
    void aDuplicateOnASecondUniqueKeyIsDescribedWithoutTheValue() throws Exception {
        db.execute("CREATE TABLE people (id int PRIMARY KEY, email varchar(100) NOT NULL UNIQUE)",
                "INSERT INTO people VALUES (1, 'secret@example.com')");
        TableSchema people = new JdbcSchemaReader(connections).read(table("people"));
        Changes changes = new Changes(people.table(), "id");
        ChangeEvent moved = changes.update("id", 2, "email", "secret@example.com");
        ApplyResult result;
        try (JdbcApplier applier = new JdbcApplier(connections, Map.of(people.table(), people))) {
            applier.apply(List.of(changes.create("id", 2, "email", "two@example.com")));
            result = applier.apply(List.of(moved));
        }

        assertThat(result.rejected()).singleElement().satisfies(r -> assertThat(r.reason())
                .isEqualTo("error 1062 (SQLState 23000): Duplicate entry for key 'email'"));
    }
}
