package dev.cutover.core.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConflictLogTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final TableId TABLE = new TableId("app", "accounts");

    private static RowImage row(long id, int version) {
        return RowImage.builder().put("id", id).put("v", version).build();
    }

    private static ChangeEvent update(int version, String position) {
        return ChangeEvent.update(SystemSide.LEGACY, TABLE, List.of("id"), row(1, version - 1), row(1, version), T0,
                new SourcePosition("lsn", position), "tx-" + position);
    }

    private static ConflictRecord record(String id, Resolution resolution, int secondsAfterT0) {
        Conflict conflict = new Conflict("accounts", SystemSide.NEW, ConflictKind.UPDATE_CHANGED, update(2, "0/" + id), row(1, 9));
        return new ConflictRecord(id, conflict, ConflictPolicy.MANUAL, resolution, T0.plusSeconds(secondsAfterT0));
    }

    private static ConflictRecord parked(String id, int secondsAfterT0) {
        return record(id, Resolution.park("manual"), secondsAfterT0);
    }

    private static HeldChange held(String id, int sequence, int version) {
        return new HeldChange(id, sequence, update(version, "0/" + id + version));
    }

    private static ConflictResolved resolved(String id) {
        return new ConflictResolved(id, Resolution.keepCurrent("ops kept it"), T0.plusSeconds(3600));
    }

    @Test
    void allListsTheLatestRecordOfEachConflictNewestDetectionFirst() {
        ConflictRecord a = parked("a", 10);
        ConflictRecord b = record("b", Resolution.applyIncoming("legacy wins"), 30);
        ConflictRecord c = parked("c", 20);
        ConflictRecord aAgain = parked("a", 40);

        ConflictLog log = ConflictLog.of(List.of(a, b, c, aAgain));

        assertThat(log.all()).containsExactly(aAgain, b, c);
        assertThat(log.get("a")).contains(aAgain);
        assertThat(log.get("b")).contains(b);
        assertThat(log.get("missing")).isEmpty();
    }

    @Test
    void recordsDetectedAtTheSameInstantListTheOneAddedLastFirst() {
        ConflictRecord first = parked("first", 5);
        ConflictRecord second = parked("second", 5);

        assertThat(ConflictLog.of(List.of(first, second)).all()).containsExactly(second, first);
    }

    @Test
    void openHoldsParkedConflictsWithoutResolutionOnly() {
        ConflictLog log = new ConflictLog();
        log.add(parked("waiting", 1));
        log.add(record("decided", Resolution.keepCurrent("new wins"), 2));
        log.add(parked("done", 3));
        log.add(parked("later", 4));
        log.add(resolved("done"));

        assertThat(log.open()).extracting(ConflictRecord::id).containsExactly("later", "waiting");
        assertThat(log.resolution("done")).contains(resolved("done"));
        assertThat(log.resolution("waiting")).isEmpty();
    }

    @Test
    void aResolutionStaysFinalWhenTheConflictIsRecordedAgainAfterIt() {
        ConflictLog log = ConflictLog.of(List.of(parked("x", 1), resolved("x"), parked("x", 2)));

        assertThat(log.open()).isEmpty();
        assertThat(log.all()).extracting(ConflictRecord::id).containsExactly("x");
    }

    @Test
    void heldChangesComeInSequenceOrderOncePerSequenceTheLatestWinning() {
        HeldChange first = held("x", 1, 3);
        HeldChange second = held("x", 2, 4);
        HeldChange third = held("x", 3, 5);
        HeldChange secondRewritten = held("x", 2, 44);

        ConflictLog log = ConflictLog.of(List.of(parked("x", 1), third, first, second, first, held("y", 1, 7), secondRewritten));

        assertThat(log.held("x")).containsExactly(first, secondRewritten, third);
        assertThat(log.held("y")).hasSize(1);
        assertThat(log.held("none")).isEmpty();
    }

    @Test
    void entriesOfAConflictWithoutItsRecordAreStillAnswered() {
        ConflictLog log = ConflictLog.of(List.of(held("orphan", 1, 2), resolved("orphan")));

        assertThat(log.all()).isEmpty();
        assertThat(log.open()).isEmpty();
        assertThat(log.held("orphan")).hasSize(1);
        assertThat(log.resolution("orphan")).isPresent();
    }

    @Test
    void snapshotsDoNotChangeWhenEntriesAreAddedLater() {
        ConflictLog log = ConflictLog.of(List.of(parked("x", 1), held("x", 1, 2)));
        List<ConflictRecord> all = log.all();
        List<HeldChange> heldBefore = log.held("x");

        log.add(parked("y", 2));
        log.add(held("x", 2, 3));

        assertThat(all).hasSize(1);
        assertThat(heldBefore).hasSize(1);
        assertThat(log.all()).hasSize(2);
        assertThat(log.held("x")).hasSize(2);
    }

    @Test
    void concurrentWritersAndReadersLoseNothing() throws Exception {
        ConflictLog log = new ConflictLog();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        String id = thread + "-" + i;
                        log.add(parked(id, i));
                        log.add(held(id, 1, 2));
                        assertThat(log.open()).isNotNull();
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(log.all()).hasSize(1000);
        assertThat(log.open()).hasSize(1000);
        assertThat(log.held("3-249")).hasSize(1);
    }
}
