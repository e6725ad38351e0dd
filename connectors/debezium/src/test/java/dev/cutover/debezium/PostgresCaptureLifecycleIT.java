package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.PipelineListener;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Start, stop and close in every order, and the problems a capture reports when it cannot start. */
class PostgresCaptureLifecycleIT extends CaptureITSupport {

    @BeforeAll
    static void createTables() throws Exception {
        db.execute("CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL UNIQUE)");
    }

    @Test
    void runsOnItsOwnNamedThreadAndStopsCleanlyOnClose() throws Exception {
        PostgresCaptureSource source = start(options("named", "items").snapshotMode(SnapshotMode.NO_DATA).build(), new RecordingHandler());
        awaitStreaming(source);

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains("cutover-named-capture-legacy");
        assertThat(source.state()).isEqualTo(PostgresCaptureSource.State.RUNNING);

        source.close();
        source.close();
        assertThat(source.state()).isEqualTo(PostgresCaptureSource.State.STOPPED);
        assertThat(source.failure()).isNull();
        assertThat(source.awaitStop(Duration.ZERO)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> slot(source.options()).map(s -> !s.active()).orElse(false));
    }

    @Test
    void aSlotInUseNamesItsStreamingProcessAndIsNotDropped() throws Exception {
        PostgresCaptureSource source = start(options("busy", "items").snapshotMode(SnapshotMode.NO_DATA).build(), new RecordingHandler());
        awaitStreaming(source);
        awaitSlotActive(source.options());
        CaptureOptions o = source.options();

        Integer pid = slot(o).orElseThrow().activePid();
        assertThat(pid).isNotNull();
        assertThatThrownBy(() -> ReplicationSlots.drop(o.jdbcUrl(), o.user(), o.password(), o.slotName()))
                .hasMessageContaining("replication slot '" + o.slotName() + "' is in use by process " + pid);

        source.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> slot(o).map(s -> s.activePid() == null).orElse(false));
    }

    @Test
    void closeRightAfterStartStopsWithoutFailure() throws Exception {
        PostgresCaptureSource source = start(options("quick", "items").build(), new RecordingHandler());

        source.close();

        assertThat(source.state()).isEqualTo(PostgresCaptureSource.State.STOPPED);
        assertThat(source.failure()).isNull();
    }

    @Test
    void startingTwiceIsRefused() {
        PostgresCaptureSource source = start(options("twice", "items").build(), new RecordingHandler());

        assertThatThrownBy(() -> source.start(new RecordingHandler()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("twice/legacy")
                .hasMessageContaining("expected state CREATED");
    }

    @Test
    void stopBeforeStartEndsTheSourceForGood() throws Exception {
        PostgresCaptureSource source = new PostgresCaptureSource(options("never", "items").build(), PipelineListener.NONE);

        source.stop();

        assertThat(source.awaitStop(Duration.ZERO)).isTrue();
        assertThat(source.state()).isEqualTo(PostgresCaptureSource.State.STOPPED);
        assertThatThrownBy(() -> source.start(new RecordingHandler())).isInstanceOf(IllegalStateException.class);
        source.close();
    }

    @Test
    void missingTableFailsTheStartNamingIt() throws Exception {
        CaptureOptions options = options("missing", "items", "nope").build();
        PostgresCaptureSource source = start(options, new RecordingHandler());

        assertThat(source.awaitStop(DELIVERY_TIMEOUT)).isTrue();
        assertThat(source.state()).isEqualTo(PostgresCaptureSource.State.FAILED);
        assertThat(source.failure()).isInstanceOf(CaptureException.class).hasMessageContaining("table public.nope does not exist");
        assertThat(slot(options)).as("no slot is created for a capture that cannot start").isEmpty();
    }

    @Test
    void keyThatTheReplicaIdentityDoesNotLogFailsTheStart() throws Exception {
        CaptureOptions options = options("by-sku").table(new TableId("public", "items"), "sku").build();
        PostgresCaptureSource source = start(options, new RecordingHandler());

        assertThat(source.awaitStop(DELIVERY_TIMEOUT)).isTrue();
        assertThat(source.failure())
                .hasMessageContaining("public.items is keyed by [sku]")
                .hasMessageContaining("DEFAULT [id]")
                .hasMessageContaining("REPLICA IDENTITY FULL");
    }

    @Test
    void unreachableDatabaseFailsTheCaptureWithoutLeakingThePassword() throws Exception {
        CaptureOptions options = CaptureOptions.builder("unreachable", dev.cutover.core.event.SystemSide.NEW).pollInterval(Duration.ofMillis(50)).maxBatchSize(2048).heartbeatInterval(Duration.ofSeconds(10))
                .database("jdbc:postgresql://127.0.0.1:1/nowhere", "postgres", "pw-never-shown")
                .table(new TableId("public", "items"), "id")
                .offsetFile(tempDir.resolve("unreachable.offsets"))
                .build();
        PostgresCaptureSource source = new PostgresCaptureSource(options, PipelineListener.NONE);
        source.start(new RecordingHandler());

        assertThat(source.awaitStop(DELIVERY_TIMEOUT)).isTrue();
        assertThat(source.state()).isEqualTo(PostgresCaptureSource.State.FAILED);
        assertThat(source.failure()).hasMessageContaining("unreachable/new").hasMessageNotContaining("pw-never-shown");
    }
}
