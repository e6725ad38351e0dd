package dev.cutover.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyException;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.testing.Changes;
import dev.cutover.testkit.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Apply marker scenarios every database must pass: the marker row of a bridge counts its batches
 * in a marker table of the target database, written in each batch's transaction. Table:
 * {@code items(id PRIMARY KEY, qty CHECK (qty >= 0), note)}. A subclass per database supplies the
 * database and checks what it stores.
 */
public abstract class AbstractApplyMarkerIT {

    /** The applier's clock; with microseconds, which the marker's {@code applied_at} keeps. */
    protected static final Instant NOW = Instant.parse("2024-06-01T12:00:00.123456Z");

    protected JdbcConnectionFactory connections;
    protected TableSchema items;
    protected Changes changes;

    /** This class's database, fresh for the class. */
    protected abstract TestDatabase database();

    /** Connections to {@link #database()} as the applier makes them. */
    protected abstract JdbcConnectionFactory connectionFactory();

    /** The id of a table of the test schema. */
    protected abstract TableId table(String name);

    /** A {@code CREATE TABLE cutover_apply_marker (bridge PRIMARY KEY, batch bigint, applied_at)} as an operator would make it. */
    protected abstract String markerTableDdl();

    @BeforeEach
    void createItems() throws Exception {
        database().execute("DROP TABLE IF EXISTS items", "DROP TABLE IF EXISTS cutover_apply_marker",
                "CREATE TABLE items (id bigint PRIMARY KEY, qty int CHECK (qty >= 0), note text)");
        connections = connectionFactory();
        items = new JdbcSchemaReader(connections).read(table("items"));
        changes = new Changes(items.table(), "id");
    }

    @Test
    void usesAMarkerTableThatExistsAlready() throws Exception {
        database().execute(markerTableDdl(),
                "INSERT INTO cutover_apply_marker VALUES ('shop', 41, now())");
        try (JdbcApplier shop = applier("shop")) {
            shop.apply(List.of(changes.create("id", 1L, "qty", 1)));
        }

        assertThat(database().queryRows("SELECT batch FROM cutover_apply_marker")).containsExactly(Map.of("batch", 42L));
    }


    @Test
    void aFatalBatchRollsTheMarkerBackWithIt() throws Exception {
        try (JdbcApplier shop = applier("shop")) {
            shop.apply(List.of(changes.create("id", 1L, "qty", 1, "note", "a")));
            database().execute("ALTER TABLE items DROP COLUMN note");

            assertThatThrownBy(() -> shop.apply(List.of(changes.create("id", 2L, "qty", 2, "note", "b"))))
                    .isInstanceOfSatisfying(ApplyException.class, e -> assertThat(e.retriable()).isFalse());
        }

        assertThat(database().queryRows("SELECT batch FROM cutover_apply_marker")).containsExactly(Map.of("batch", 1L));
        assertThat(database().queryRows("SELECT id FROM items")).containsExactly(Map.of("id", 1L));
    }


    @Test
    void aBatchWithRefusedChangesCommitsOneMarkerWithTheRest() throws Exception {
        ApplyResult result;
        try (JdbcApplier shop = applier("shop")) {
            result = shop.apply(List.of(changes.create("id", 1L, "qty", 1), changes.create("id", 2L, "qty", -1),
                    changes.create("id", 3L, "qty", 3)));
        }

        assertThat(result.rejected()).hasSize(1);
        assertThat(database().queryRows("SELECT id FROM items ORDER BY id")).containsExactly(Map.of("id", 1L), Map.of("id", 3L));
        assertThat(database().queryRows("SELECT batch FROM cutover_apply_marker"))
                .as("the first attempt's marker rolled back with it; the retry that isolated the refused change wrote its own")
                .containsExactly(Map.of("batch", 1L));
    }


    /**
     * Appliers of several bridges meet a missing marker table at the same moment (as a capture
     * creating it and an applier do at start-up); every one of them must find or make it.
     */
    @Test
    void appliersThatCreateTheMarkerTableTogetherAllApplyTheirBatch() throws Exception {
        int appliers = 4;
        for (int round = 0; round < 8; round++) {
            database().execute("DROP TABLE IF EXISTS cutover_apply_marker", "DELETE FROM items");
            CyclicBarrier start = new CyclicBarrier(appliers);
            ExecutorService pool = Executors.newFixedThreadPool(appliers);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int i = 0; i < appliers; i++) {
                    long id = i;
                    runs.add(pool.submit(() -> {
                        try (JdbcApplier applier = applier("bridge" + id)) {
                            start.await(30, TimeUnit.SECONDS);
                            applyRetrying(applier, changes.create("id", id, "qty", 1));
                        }
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(database().queryRows("SELECT count(*) AS n FROM cutover_apply_marker"))
                    .as("round %d: one marker row per bridge", round).containsExactly(Map.of("n", (long) appliers));
        }
    }


    /** Applies as the apply loop does: again after a failure that says a retry may succeed (MariaDB's deadlocks between first upserts). */
    private static void applyRetrying(JdbcApplier applier, ChangeEvent change) throws ApplyException {
        for (int attempt = 1; ; attempt++) {
            try {
                applier.apply(List.of(change));
                return;
            } catch (ApplyException e) {
                if (!e.retriable() || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** An applier of {@code items} with the marker of {@code bridge} in {@code cutover_apply_marker}. */
    protected final JdbcApplier applier(String bridge) {
        return applier(new ApplyMarker(bridge, table("cutover_apply_marker")));
    }

    /** An applier of {@code items} with {@code marker}, or none when null. */
    protected final JdbcApplier applier(ApplyMarker marker) {
        return new JdbcApplier(connections, Map.of(items.table(), items), Clock.fixed(NOW, ZoneOffset.UTC), marker);
    }
}
