package dev.cutover.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.ApplyMarker;
import dev.cutover.jdbc.JdbcApplier;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.jdbc.testing.Changes;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresApplyMarkerIT {

    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    private static final TableId ITEMS = new TableId("public", "items");
    private static PostgresTestDatabase db;

    private JdbcConnectionFactory connections;
    private TableSchema items;
    private final Changes changes = new Changes(ITEMS, "id");

    @BeforeAll
    static void createDatabase() {
        db = PostgresTestDatabase.create("cutover_marker");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void createItems() throws Exception {
        db.execute("DROP TABLE IF EXISTS items", "DROP TABLE IF EXISTS cutover_apply_marker",
                "CREATE TABLE items (id bigint PRIMARY KEY, qty int CHECK (qty >= 0), note text)");
        connections = JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), (char[]) null);
        items = new JdbcSchemaReader(connections).read(ITEMS);
    }

    @Test
    void createsTheMarkerTableAndCountsBatchesInOneRowPerBridge() throws Exception {
        try (JdbcApplier shop = applier(ApplyMarker.of("shop")); JdbcApplier other = applier(ApplyMarker.of("other"))) {
            shop.apply(List.of(changes.create("id", 1L, "qty", 1)));
            shop.apply(List.of(changes.create("id", 2L, "qty", 2), changes.update("id", 1L, "qty", 3)));
            other.apply(List.of(changes.create("id", 3L, "qty", 3)));
            shop.apply(List.of(changes.delete("id", 2L)));
        }

        assertThat(db.queryRows("SELECT bridge, batch, applied_at = '2024-06-01T12:00:00Z'::timestamptz AS at_clock"
                + " FROM cutover_apply_marker ORDER BY bridge")).containsExactly(
                        Map.of("bridge", "other", "batch", 1L, "at_clock", true),
                        Map.of("bridge", "shop", "batch", 3L, "at_clock", true));
    }

    @Test
    void markerIsWrittenInTheSameTransactionAsTheBatch() throws Exception {
        try (JdbcApplier shop = applier(ApplyMarker.of("shop"))) {
            shop.apply(List.of(changes.create("id", 1L, "qty", 1), changes.create("id", 2L, "qty", 2)));
        }

        assertThat(db.queryRows("SELECT DISTINCT xmin::text AS tx FROM items UNION SELECT xmin::text FROM cutover_apply_marker"))
                .as("rows and marker carry the id of the transaction that wrote them").hasSize(1);
    }

    @Test
    void usesAMarkerTableThatExistsAlready() throws Exception {
        db.execute("CREATE TABLE cutover_apply_marker (bridge text PRIMARY KEY, batch bigint NOT NULL, applied_at timestamptz NOT NULL)",
                "INSERT INTO cutover_apply_marker VALUES ('shop', 41, now())");
        try (JdbcApplier shop = applier(ApplyMarker.of("shop"))) {
            shop.apply(List.of(changes.create("id", 1L, "qty", 1)));
        }

        assertThat(db.queryRows("SELECT batch FROM cutover_apply_marker")).containsExactly(Map.of("batch", 42L));
    }

    @Test
    void aFatalBatchRollsTheMarkerBackWithIt() throws Exception {
        try (JdbcApplier shop = applier(ApplyMarker.of("shop"))) {
            shop.apply(List.of(changes.create("id", 1L, "qty", 1, "note", "a")));
            db.execute("ALTER TABLE items DROP COLUMN note");

            assertThatThrownBy(() -> shop.apply(List.of(changes.create("id", 2L, "qty", 2, "note", "b"))))
                    .isInstanceOfSatisfying(ApplyException.class, e -> assertThat(e.retriable()).isFalse());
        }

        assertThat(db.queryRows("SELECT batch FROM cutover_apply_marker")).containsExactly(Map.of("batch", 1L));
        assertThat(db.queryRows("SELECT id FROM items")).containsExactly(Map.of("id", 1L));
    }

    @Test
    void aBatchWithRefusedChangesCommitsOneMarkerWithTheRest() throws Exception {
        ApplyResult result;
        try (JdbcApplier shop = applier(ApplyMarker.of("shop"))) {
            result = shop.apply(List.of(changes.create("id", 1L, "qty", 1), changes.create("id", 2L, "qty", -1),
                    changes.create("id", 3L, "qty", 3)));
        }

        assertThat(result.rejected()).hasSize(1);
        assertThat(db.queryRows("SELECT id FROM items ORDER BY id")).containsExactly(Map.of("id", 1L), Map.of("id", 3L));
        assertThat(db.queryRows("SELECT batch FROM cutover_apply_marker"))
                .as("the first attempt's marker rolled back with it; the retry that isolated the refused change wrote its own")
                .containsExactly(Map.of("batch", 1L));
    }

    @Test
    void withoutAMarkerNoMarkerTableIsCreated() throws Exception {
        try (JdbcApplier plain = applier(null)) {
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

    private JdbcApplier applier(ApplyMarker marker) {
        return new JdbcApplier(connections, Map.of(ITEMS, items), Clock.fixed(NOW, ZoneOffset.UTC), marker);
    }
}
