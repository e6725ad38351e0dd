package dev.cutover.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.ColumnRule;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.mapping.TableMappingSpec;
import dev.cutover.core.pipeline.spi.ChangePublisher;
import dev.cutover.core.pipeline.spi.DeadLetterSink;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.core.pipeline.spi.PublishRefusal;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapturePipelineTest {

    private static final TableId LEGACY = new TableId("public", "acct");
    private static final TableId NEW = new TableId("public", "accounts");
    private static final TableId OTHER = new TableId("public", "unrelated");
    private static final Instant COMMIT = Instant.parse("2024-05-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(COMMIT.plusMillis(250), ZoneOffset.UTC);

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final List<String> parked = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();
    private final DeadLetterSink deadLetters = (binding, stage, change, reason) -> parked.add(binding + "/" + stage + ": " + reason);
    private final PipelineListener listener = new PipelineListener() {
        @Override
        public void onCaptured(String binding, ChangeEvent event, Duration captureLag) {
            heard.add("captured " + binding + " lag=" + captureLag.toMillis());
        }

        @Override
        public void onPublished(String binding, ChangeEvent mapped) {
            heard.add("published " + binding);
        }

        @Override
        public void onSkipped(String binding, ChangeEvent event, String reason) {
            heard.add("skipped " + reason);
        }

        @Override
        public void onDeadLettered(String binding, String reason) {
            heard.add("dead-lettered " + binding);
        }
    };

    private CapturePipeline pipeline() throws Exception {
        return pipeline(mapping(), SystemSide.LEGACY);
    }

    private static TableMapping mapping() throws Exception {
        TableSchema legacy = new TableSchema(LEGACY, List.of(
                ColumnDef.of("acct_id", ColumnType.INT64, "int8", false),
                ColumnDef.of("stat_cd", ColumnType.STRING, "bpchar", false)), List.of("acct_id"));
        TableSchema neu = new TableSchema(NEW, List.of(
                ColumnDef.of("id", ColumnType.INT64, "int8", false),
                ColumnDef.of("status", ColumnType.STRING, "text", false)), List.of("id"));
        TableMappingSpec spec = new TableMappingSpec(LEGACY, NEW, List.of(), List.of(
                ColumnRule.rename("acct_id", "id"),
                new ColumnRule("stat_cd", "status", Map.of("A", "active"), null, false)), Map.of(), Map.of(), null, Map.of());
        return TableMapping.compile(spec, legacy, neu);
    }

    private CapturePipeline pipeline(TableMapping mapping, SystemSide source) {
        return new CapturePipeline(List.of(new CapturePipeline.MappedBinding("accounts", mapping, source)), publisher,
                deadLetters, listener, CLOCK);
    }

    private static ChangeEvent create(TableId table, long id, String status) {
        RowImage row = RowImage.builder().put("acct_id", id).put("stat_cd", status).build();
        return ChangeEvent.create(SystemSide.LEGACY, table, List.of("acct_id"), row, COMMIT, new SourcePosition("lsn", "0/1"), "7");
    }

    @Test
    void publishesMappedChangesInCaptureOrder() throws Exception {
        pipeline().onBatch(List.of(create(LEGACY, 1, "A"), create(LEGACY, 2, "A")));

        assertThat(publisher.published).hasSize(1);
        assertThat(publisher.published.get(0).binding).isEqualTo("accounts");
        assertThat(publisher.published.get(0).events).extracting(e -> e.after().get("id")).containsExactly(1L, 2L);
        assertThat(publisher.published.get(0).events).allSatisfy(e -> {
            assertThat(e.table()).isEqualTo(NEW);
            assertThat(e.after().get("status")).isEqualTo("active");
        });
        assertThat(heard).containsExactly("captured accounts lag=250", "captured accounts lag=250",
                "published accounts", "published accounts");
    }

    @Test
    void parksAChangeThatCannotBeMappedAndPublishesTheRest() throws Exception {
        pipeline().onBatch(List.of(create(LEGACY, 1, "X"), create(LEGACY, 2, "A")));

        assertThat(parked).singleElement().asString().startsWith("accounts/map: ").contains("stat_cd");
        assertThat(publisher.published.get(0).events).extracting(e -> e.after().get("id")).containsExactly(2L);
        assertThat(heard).contains("dead-lettered accounts");
    }

    @Test
    void mapsChangesCapturedOnTheNewSideBackOntoTheLegacyTable() throws Exception {
        RowImage row = RowImage.builder().put("id", 3L).put("status", "active").build();
        ChangeEvent captured = ChangeEvent.create(SystemSide.NEW, NEW, List.of("id"), row, COMMIT, new SourcePosition("lsn", "0/2"), "8");

        pipeline(mapping(), SystemSide.NEW).onBatch(List.of(captured));

        ChangeEvent published = publisher.published.get(0).events.get(0);
        assertThat(published.table()).isEqualTo(LEGACY);
        assertThat(published.origin()).isEqualTo(SystemSide.NEW);
        assertThat(published.after().asMap()).containsExactly(Map.entry("acct_id", 3L), Map.entry("stat_cd", "A"));
    }

    @Test
    void theTapHearsEachMappedChangeAsCapturedBeforeTheBatchIsPublishedButNotAParkedOne() throws Exception {
        List<String> tapped = new ArrayList<>();
        CapturePipeline pipeline = new CapturePipeline(List.of(new CapturePipeline.MappedBinding("accounts", mapping(), SystemSide.LEGACY)),
                publisher, deadLetters, listener, CLOCK,
                (binding, captured) -> tapped.add(binding + " " + captured.table() + " " + captured.key().get("acct_id")
                        + " published before: " + publisher.published.size()));

        pipeline.onBatch(List.of(create(LEGACY, 1, "A"), create(LEGACY, 2, "X"), create(LEGACY, 3, "A")));

        assertThat(tapped).containsExactly("accounts " + LEGACY + " 1 published before: 0", "accounts " + LEGACY + " 3 published before: 0");
        assertThat(publisher.published.get(0).events).hasSize(2);
    }

    @Test
    void countsAChangeOfAnUnboundTableAsSkipped() throws Exception {
        pipeline().onBatch(List.of(create(OTHER, 1, "A")));

        assertThat(publisher.published).isEmpty();
        assertThat(heard).containsExactly("skipped " + CapturePipeline.SKIP_UNBOUND_TABLE);
    }

    @Test
    void aChangeTheCaptureDroppedIsCountedUnderTheBindingOfItsTable() throws Exception {
        List<String> skipped = new ArrayList<>();
        CapturePipeline pipeline = new CapturePipeline(List.of(new CapturePipeline.MappedBinding("accounts", mapping(), SystemSide.LEGACY)),
                publisher, deadLetters, new PipelineListener() {
                    @Override
                    public void onSkipped(String binding, ChangeEvent event, String reason) {
                        skipped.add(binding + " " + reason);
                    }
                }, CLOCK);

        pipeline.onSkipped(create(LEGACY, 1, "A"), "echo");
        pipeline.onSkipped(create(OTHER, 2, "A"), "echo");

        assertThat(skipped).containsExactly("accounts echo", "public.unrelated echo");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void failsTheBatchWhenPublishingFailsSoTheSourceDoesNotCommit() throws Exception {
        publisher.failWith = new IllegalStateException("broker down");

        assertThatThrownBy(() -> pipeline().onBatch(List.of(create(LEGACY, 1, "A")))).hasMessage("broker down");
        assertThat(heard).doesNotContain("published accounts");
    }

    @Test
    void parksAChangeThePublisherRefusesWithItsStageAndCountsOnlyTheRestAsPublished() throws Exception {
        publisher.refuseId = 2L;

        pipeline().onBatch(List.of(create(LEGACY, 1, "A"), create(LEGACY, 2, "A"), create(LEGACY, 3, "A")));

        assertThat(parked).containsExactly("accounts/encode: column 'status' refused for id 2");
        assertThat(heard).containsExactly("captured accounts lag=250", "captured accounts lag=250", "captured accounts lag=250",
                "dead-lettered accounts", "published accounts", "published accounts");
    }

    @Test
    void anOfferedPageTellsWhatBecameOfItsRowsAndKeepsARefusedRowAmongTheMapped() throws Exception {
        publisher.refuseId = 3L;

        PageOutcome outcome = pipeline().offer(List.of(create(LEGACY, 1, "A"), create(LEGACY, 2, "X"), create(LEGACY, 3, "A")));

        assertThat(outcome.offered()).isEqualTo(3);
        assertThat(outcome.mapped()).extracting(e -> e.table() + " " + e.key()).containsExactly(
                NEW + " " + RowImage.builder().put("id", 1L).build(), NEW + " " + RowImage.builder().put("id", 3L).build());
        assertThat(outcome.deadLettered()).isEqualTo(2);
        assertThat(outcome.unmapped()).isEqualTo(1);
        assertThat(parked).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactly("accounts/map", "accounts/encode");
    }

    @Test
    void anOfferedPageCountsARowOfNoBindingAsUnmappedButNotDeadLettered() throws Exception {
        PageOutcome outcome = pipeline().offer(List.of(create(OTHER, 1, "A"), create(LEGACY, 2, "A")));

        assertThat(outcome.unmapped()).isEqualTo(1);
        assertThat(outcome.deadLettered()).isZero();
        assertThat(outcome.mapped()).extracting(e -> e.after().get("id")).containsExactly(2L);
    }

    @Test
    void anOfferedRowIsReportedWithNoLagWhenItsCommitTimeIsThePipelinesNow() throws Exception {
        ChangeEvent readNow = ChangeEvent.read(SystemSide.LEGACY, LEGACY, List.of("acct_id"),
                RowImage.builder().put("acct_id", 1L).put("stat_cd", "A").build(), CLOCK.instant(), new SourcePosition("batch", "r:1"));

        pipeline().offer(List.of(readNow));

        assertThat(heard).containsExactly("captured accounts lag=0", "published accounts");
    }

    private CapturePipeline guarded(TableSchema live, Map<String, List<ChangeEvent>> held, List<String> paused) throws Exception {
        CaptureDriftGuard guard = new CaptureDriftGuard(table -> live,
                (binding, captured) -> held.computeIfAbsent(binding, k -> new ArrayList<>()).addAll(captured),
                report -> paused.add(report.describe()));
        return new CapturePipeline(List.of(new CapturePipeline.MappedBinding("accounts", mapping(), SystemSide.LEGACY)), publisher,
                deadLetters, listener, CLOCK, (binding, captured) -> { }, guard);
    }

    private static TableSchema liveLegacy(ColumnDef... extra) {
        List<ColumnDef> columns = new ArrayList<>(List.of(ColumnDef.of("acct_id", ColumnType.INT64, "int8", false),
                ColumnDef.of("stat_cd", ColumnType.STRING, "bpchar", false)));
        columns.addAll(List.of(extra));
        return new TableSchema(LEGACY, columns, List.of("acct_id"));
    }

    private static ChangeEvent createWithRegion(long id) {
        RowImage row = RowImage.builder().put("acct_id", id).put("stat_cd", "A").put("region", "EU").build();
        return ChangeEvent.create(SystemSide.LEGACY, LEGACY, List.of("acct_id"), row, COMMIT, new SourcePosition("lsn", "0/1"), "7");
    }

    @Test
    void aColumnAddedToTheCapturedTableHoldsThatChangeAndEveryLaterOneInOrderAndDeadLettersNothing() throws Exception {
        Map<String, List<ChangeEvent>> held = new java.util.LinkedHashMap<>();
        List<String> paused = new ArrayList<>();
        CapturePipeline pipeline = guarded(liveLegacy(ColumnDef.of("region", ColumnType.STRING, "text", true)), held, paused);

        pipeline.onBatch(List.of(create(LEGACY, 1, "A"), createWithRegion(2), create(LEGACY, 3, "A")));
        pipeline.onBatch(List.of(create(LEGACY, 4, "X")));

        assertThat(publisher.published.get(0).events).extracting(e -> e.after().get("id")).containsExactly(1L);
        assertThat(publisher.published).hasSize(1);
        assertThat(held.get("accounts")).extracting(e -> e.after().get("acct_id")).containsExactly(2L, 3L, 4L);
        assertThat(parked).isEmpty();
        assertThat(paused).singleElement().asString().contains("column 'region' added", "columns.region: {ignore: true}");
    }

    @Test
    void aChangeThatCannotBeMappedWhileTheTableIsUnchangedIsStillDeadLettered() throws Exception {
        Map<String, List<ChangeEvent>> held = new java.util.LinkedHashMap<>();
        List<String> paused = new ArrayList<>();

        guarded(liveLegacy(), held, paused).onBatch(List.of(create(LEGACY, 1, "X"), create(LEGACY, 2, "A")));

        assertThat(parked).singleElement().asString().startsWith("accounts/map: ");
        assertThat(held).isEmpty();
        assertThat(paused).isEmpty();
        assertThat(publisher.published.get(0).events).hasSize(1);
    }

    @Test
    void anInsertLackingAMappedColumnPausesWhenTheColumnWasDropped() throws Exception {
        Map<String, List<ChangeEvent>> held = new java.util.LinkedHashMap<>();
        List<String> paused = new ArrayList<>();
        TableSchema dropped = new TableSchema(LEGACY, List.of(ColumnDef.of("acct_id", ColumnType.INT64, "int8", false)),
                List.of("acct_id"));
        ChangeEvent withoutStatus = ChangeEvent.create(SystemSide.LEGACY, LEGACY, List.of("acct_id"),
                RowImage.builder().put("acct_id", 5L).build(), COMMIT, new SourcePosition("lsn", "0/1"), "7");

        guarded(dropped, held, paused).onBatch(List.of(withoutStatus));

        assertThat(held.get("accounts")).hasSize(1);
        assertThat(paused).singleElement().asString().contains("column 'stat_cd' dropped");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void aChangeThePublisherRefusesBecauseTheSourceColumnWidenedPausesAndHoldsItAndTheRestOfTheBatchInsteadOfDeadLetteringIt()
            throws Exception {
        Map<String, List<ChangeEvent>> held = new java.util.LinkedHashMap<>();
        List<String> paused = new ArrayList<>();
        TableSchema widened = new TableSchema(LEGACY, List.of(new ColumnDef("acct_id", ColumnType.DECIMAL, "numeric", false, 30, 0),
                ColumnDef.of("stat_cd", ColumnType.STRING, "bpchar", false)), List.of("acct_id"));
        publisher.refuseId = 2L;

        guarded(widened, held, paused).onBatch(List.of(create(LEGACY, 1, "A"), create(LEGACY, 2, "A"), create(LEGACY, 3, "A")));

        assertThat(parked).isEmpty();
        assertThat(held.get("accounts")).extracting(e -> e.after().get("acct_id")).containsExactly(2L, 3L);
        assertThat(paused).singleElement().asString().contains("column 'acct_id' type changed from int8 NOT NULL to numeric(30,0)");
    }

    @Test
    void anOfferedPageCountsRowsHeldForDriftAsUnmappedAndARefusalHeldForDriftAsMappedButNeitherAsDeadLettered()
            throws Exception {
        Map<String, List<ChangeEvent>> held = new java.util.LinkedHashMap<>();
        List<String> paused = new ArrayList<>();
        PageOutcome added = guarded(liveLegacy(ColumnDef.of("region", ColumnType.STRING, "text", true)), held, paused)
                .offer(List.of(create(LEGACY, 1, "A"), createWithRegion(2), create(LEGACY, 3, "A")));

        assertThat(added.unmapped()).isEqualTo(2);
        assertThat(added.deadLettered()).isZero();

        TableSchema widened = new TableSchema(LEGACY, List.of(new ColumnDef("acct_id", ColumnType.DECIMAL, "numeric", false, 30, 0),
                ColumnDef.of("stat_cd", ColumnType.STRING, "bpchar", false)), List.of("acct_id"));
        publisher.refuseId = 5L;
        PageOutcome refused = guarded(widened, held, paused).offer(List.of(create(LEGACY, 4, "A"), create(LEGACY, 5, "A")));

        assertThat(refused.mapped()).extracting(e -> e.after().get("id")).containsExactly(4L, 5L);
        assertThat(refused.deadLettered()).isZero();
        assertThat(parked).isEmpty();
    }

    @Test
    void heldChangesDrainThroughAFixedMappingInOrder() throws Exception {
        Map<String, List<ChangeEvent>> held = new java.util.LinkedHashMap<>();
        List<String> paused = new ArrayList<>();
        CapturePipeline pipeline = guarded(liveLegacy(), held, paused);

        assertThat(pipeline.drainHeld("accounts", List.of(create(LEGACY, 7, "A"), create(LEGACY, 8, "A")))).isTrue();
        assertThat(publisher.published.get(0).events).extracting(e -> e.after().get("id")).containsExactly(7L, 8L);

        CapturePipeline stillDrifted = guarded(liveLegacy(ColumnDef.of("region", ColumnType.STRING, "text", true)), held, paused);
        assertThat(stillDrifted.drainHeld("accounts", List.of(createWithRegion(9)))).isFalse();
        assertThat(publisher.published).hasSize(1);
        assertThat(paused).hasSize(1);
    }

    private static final class RecordingPublisher implements ChangePublisher {
        final List<Published> published = new ArrayList<>();
        RuntimeException failWith;
        Long refuseId;

        @Override
        public List<PublishRefusal> publish(String binding, List<ChangeEvent> mapped) {
            if (failWith != null) {
                throw failWith;
            }
            published.add(new Published(binding, List.copyOf(mapped)));
            return mapped.stream().filter(e -> refuseId != null && refuseId.equals(e.after().get("id")))
                    .map(e -> new PublishRefusal(e, PublishRefusal.ENCODE, "column 'status' refused for id " + refuseId))
                    .toList();
        }

        @Override
        public void close() {
        }
    }

    private record Published(String binding, List<ChangeEvent> events) {
    }
}
