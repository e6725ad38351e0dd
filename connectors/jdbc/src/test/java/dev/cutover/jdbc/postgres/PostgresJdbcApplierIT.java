package dev.cutover.jdbc.postgres;

import static dev.cutover.jdbc.testing.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.AbstractJdbcApplierIT;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.jdbc.testing.Changes;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresJdbcApplierIT extends AbstractJdbcApplierIT {

    private static PostgresTestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = PostgresTestDatabase.create("cutover_jdbc");
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
    protected String undefinedTableError() {
        return "42P01";
    }

    @Override
    protected void execute(String... sql) {
        db.execute(sql);
    }

    @Override
    protected TableId table(String name) {
        return new TableId("public", name);
    }

    @Override
    protected void terminateConnections() {
        assertThat(db.terminateConnections()).isPositive();
    }

    @Override
    protected String transactionThatWrote(long id) {
        return String.valueOf(db.queryRows("SELECT xmin::text AS x FROM accounts WHERE id = " + id).get(0).get("x"));
    }

    @Override
    protected int sessionsWaitingForLocks() {
        return db.queryRows("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").size();
    }

    @Override
    protected void terminateSessionsWaitingForLocks() {
        db.queryRows("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'");
    }

    @Test
    void writesTablesAndColumnsWhoseNamesNeedQuoting() throws Exception {
        db.execute("CREATE SCHEMA IF NOT EXISTS \"Sales\"",
                "CREATE TABLE \"Sales\".\"Order\" (\"select\" int PRIMARY KEY, \"Total\" numeric(10,2), \"with \"\"quote\" text)");
        TableSchema order = new JdbcSchemaReader(connections).read(new TableId("Sales", "Order"));
        Changes orders = new Changes(order.table(), "select");
        try (JdbcApplier applier = new JdbcApplier(connections, Map.of(order.table(), order))) {
            applier.apply(List.of(
                    orders.create("select", 1, "Total", dec("9.99"), "with \"quote", "a"),
                    orders.create("select", 2, "Total", dec("1.00"), "with \"quote", "b"),
                    orders.delete("select", 2)));
        }

        assertThat(new JdbcRowReader(connections).readAll(order))
                .containsExactly(row("select", 1, "Total", dec("9.99"), "with \"quote", "a"));
        assertThat(db.queryRows("SELECT \"Total\"::text AS total FROM \"Sales\".\"Order\"")).containsExactly(Map.of("total", "9.99"));
    }

    @Test
    void upsertsThroughACompositeKey() throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS lines (order_id int, line int, qty int, PRIMARY KEY (order_id, line))");
        TableSchema lines = new JdbcSchemaReader(connections).read(new TableId("public", "lines"));
        Changes changes = new Changes(lines.table(), "order_id", "line");
        try (JdbcApplier applier = new JdbcApplier(connections, Map.of(lines.table(), lines))) {
            applier.apply(List.of(
                    changes.create("order_id", 1, "line", 1, "qty", 5),
                    changes.create("order_id", 1, "line", 2, "qty", 6),
                    changes.update("order_id", 1, "line", 1, "qty", 7)));
        }

        assertThat(new JdbcRowReader(connections).readByKeys(lines, List.of(row("order_id", 1, "line", 1), row("order_id", 9, "line", 9))))
                .containsExactly(row("order_id", 1, "line", 1, "qty", 7));
    }

    @Test
    void anUpsertThatChangesNothingLeavesTheRowUnwrittenSoItsCaptureSeesNothing() throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS docs (id int PRIMARY KEY, title text, body json)");
        TableSchema docs = new JdbcSchemaReader(connections).read(new TableId("public", "docs"));
        Changes changes = new Changes(docs.table(), "id");
        try (JdbcApplier applier = new JdbcApplier(connections, Map.of(docs.table(), docs))) {
            applier.apply(List.of(changes.create("id", 1, "title", "a", "body", "{\"k\": 1}")));
            Object written = db.queryRows("SELECT xmin::text AS v FROM docs WHERE id = 1").get(0).get("v");

            applier.apply(List.of(changes.update("id", 1, "title", "a", "body", "{\"k\": 1}")));
            assertThat(db.queryRows("SELECT xmin::text AS v FROM docs WHERE id = 1").get(0).get("v"))
                    .as("the same values again (a json column has no equality operator)").isEqualTo(written);

            applier.apply(List.of(changes.update("id", 1, "title", "b", "body", "{\"k\": 1}")));
            assertThat(db.queryRows("SELECT xmin::text AS v, title FROM docs WHERE id = 1").get(0))
                    .as("a changed value is written").containsEntry("title", "b").doesNotContainEntry("v", written);
        }
    }
}
