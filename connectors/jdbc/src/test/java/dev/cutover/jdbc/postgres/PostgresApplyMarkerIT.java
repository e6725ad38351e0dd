package dev.cutover.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.AbstractApplyMarkerIT;
import dev.cutover.jdbc.ApplyMarker;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.testkit.TestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The apply marker on PostgreSQL ({@link AbstractApplyMarkerIT}): written in the batch's own transaction, in {@link ApplyMarker#DEFAULT_TABLE}. */
class PostgresApplyMarkerIT extends AbstractApplyMarkerIT {

    private static PostgresTestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = PostgresTestDatabase.create("cutover_marker");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Override
    protected TestDatabase database() {
        return db;
    }

    @Override
    protected JdbcConnectionFactory connectionFactory() {
        return JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), (char[]) null);
    }

    @Override
    protected TableId table(String name) {
        return new TableId("public", name);
    }

    @Override
    protected String markerTableDdl() {
        return "CREATE TABLE cutover_apply_marker (bridge text PRIMARY KEY, batch bigint NOT NULL, applied_at timestamptz NOT NULL)";
    }

    @Test
    void createsTheMarkerTableAndCountsBatchesInOneRowPerBridge() throws Exception {
        try (JdbcApplier shop = applier("shop"); JdbcApplier other = applier("other")) {
            shop.apply(List.of(changes.create("id", 1L, "qty", 1)));
            shop.apply(List.of(changes.create("id", 2L, "qty", 2), changes.update("id", 1L, "qty", 3)));
            other.apply(List.of(changes.create("id", 3L, "qty", 3)));
            shop.apply(List.of(changes.delete("id", 2L)));
        }

        assertThat(db.queryRows("SELECT bridge, batch, applied_at = '2024-06-01T12:00:00.123456Z'::timestamptz AS at_clock"
                + " FROM cutover_apply_marker ORDER BY bridge")).containsExactly(
                        Map.of("bridge", "other", "batch", 1L, "at_clock", true),
                        Map.of("bridge", "shop", "batch", 3L, "at_clock", true));
    }


    @Test
    void markerIsWrittenInTheSameTransactionAsTheBatch() throws Exception {
        try (JdbcApplier shop = applier("shop")) {
            shop.apply(List.of(changes.create("id", 1L, "qty", 1), changes.create("id", 2L, "qty", 2)));
        }

        assertThat(db.queryRows("SELECT DISTINCT xmin::text AS tx FROM items UNION SELECT xmin::text FROM cutover_apply_marker"))
                .as("rows and marker carry the id of the transaction that wrote them").hasSize(1);
    }


    @Test
    void withoutAMarkerNoMarkerTableIsCreated() throws Exception {
        try (JdbcApplier plain = applier((ApplyMarker) null)) {
            plain.apply(List.of(changes.create("id", 1L, "qty", 1)));
        }

        assertThat(db.queryRows("SELECT to_regclass('public.cutover_apply_marker')::text AS t")).singleElement()
                .satisfies(row -> assertThat(row.get("t")).isNull());
    }


    @Test
    void theMarkerTableCannotBeATarget() throws Exception {
        db.execute("CREATE TABLE cutover_apply_marker (bridge text PRIMARY KEY, batch bigint NOT NULL, applied_at timestamptz NOT NULL)");
        TableSchema markerTable = new JdbcSchemaReader(connections).read(ApplyMarker.DEFAULT_TABLE);

        assertThatThrownBy(() -> new JdbcApplier(connections, Map.of(ApplyMarker.DEFAULT_TABLE, markerTable), Clock.systemUTC(),
                ApplyMarker.of("shop")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cutover_apply_marker");
    }
}
