package dev.cutover.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.conflict.ReflectionGuard;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.ApplyResult;
import dev.cutover.core.pipeline.spi.BindingAttribution;
import dev.cutover.core.pipeline.spi.DeadLetterSink;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.core.pipeline.spi.TransactionReportingApplier;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ApplyPipelineTest {

    private static final TableId ITEMS = new TableId("public", "items");
    private static final TableId ORDERS = new TableId("public", "orders");
    private static final TableSchema ITEMS_SCHEMA = new TableSchema(ITEMS, List.of(
            ColumnDef.of("id", ColumnType.INT64, "int8", false),
            ColumnDef.of("qty", ColumnType.INT32, "int4", false)), List.of("id"));
    private static final Instant COMMIT = Instant.parse("2024-05-01T12:00:00Z");

    private final List<String> parked = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();
    private final DeadLetterSink deadLetters = (binding, stage, change, reason) -> parked.add(binding + "/" + stage + ": " + reason);
    private final PipelineListener listener = new PipelineListener() {
        @Override
        public void onApplied(String binding, ChangeEvent mapped, Duration endToEndLag) {
            heard.add("applied " + binding + " lag=" + endToEndLag.toMillis());
        }

        @Override
        public void onSkipped(String binding, ChangeEvent event, String reason) {
            heard.add("skipped " + binding + " " + reason);
        }

        @Override
        public void onDeadLettered(String binding, String reason) {
            heard.add("dead-lettered " + binding + " " + reason);
        }
    };
    private final ScriptedApplier applier = new ScriptedApplier();
    private final ReflectionGuard guard = new ReflectionGuard(100);
    private final Map<TableId, TwoWayTarget> twoWay = Map.of(ITEMS, new TwoWayTarget("items", ITEMS_SCHEMA));

    /** Applies every change but those it is told to refuse, in a transaction it names {@code tx-9}. */
    private static final class ScriptedApplier implements TransactionReportingApplier {
        final List<ChangeEvent> given = new ArrayList<>();
        Set<ChangeEvent> refuse = Set.of();

        @Override
        public ApplyResult apply(List<ChangeEvent> changes) {
            return apply(changes, null);
        }

        @Override
        public ApplyResult apply(List<ChangeEvent> changes, Consumer<String> committed) {
            given.addAll(changes);
            if (committed != null) {
                committed.accept("tx-9");
            }
            return new ApplyResult(changes.stream().filter(c -> !refuse.contains(c)).toList(),
                    refuse.stream().filter(changes::contains).map(c -> new ApplyResult.RejectedChange(c, "check qty_small")).toList(),
                    COMMIT.plusMillis(40));
        }

        @Override
        public void close() {
        }
    }

    @Test
    void refusalsAreParkedAndEveryOutcomeIsReportedUnderTheBindingTheTransportNamed() throws Exception {
        ChangeEvent refused = update(1, 1, 2, "0/1", null);
        ChangeEvent applied = update(2, 1, 2, "0/2", null);
        applier.refuse = Set.of(refused);
        ApplyPipeline pipeline = ApplyPipeline.of(applier, deadLetters, listener, Map.of(ITEMS, "items"));

        ApplyResult result = pipeline.apply(List.of(refused, applied));
        int parkedCount = pipeline.report(result, change -> "items-from-topic", Set.of());

        assertThat(parkedCount).isEqualTo(1);
        assertThat(parked).containsExactly("items-from-topic/apply: check qty_small");
        assertThat(heard).containsExactly("dead-lettered items-from-topic apply", "applied items-from-topic lag=40");
    }

    @Test
    void aRefusalOfABindingPausedForDriftIsNeitherParkedNorReported() throws Exception {
        ChangeEvent refused = update(1, 1, 2, "0/1", null);
        ChangeEvent other = ChangeEvent.update(SystemSide.LEGACY, ORDERS, List.of("id"), row(5, 1), row(5, 2), COMMIT,
                new SourcePosition("lsn", "0/3"), null);
        applier.refuse = Set.of(refused);
        ApplyPipeline pipeline = ApplyPipeline.of(applier, deadLetters, listener, Map.of(ITEMS, "items", ORDERS, "orders"));

        ApplyResult result = pipeline.apply(List.of(refused, other));
        Set<String> drifted = pipeline.bindingsOf(BindingAttribution.NONE, List.of(refused));

        assertThat(drifted).containsExactly("items");
        assertThat(pipeline.report(result, BindingAttribution.NONE, drifted)).isZero();
        assertThat(parked).isEmpty();
        assertThat(heard).containsExactly("applied orders lag=40");
    }

    @Test
    void aChangeOfATableNoBindingWritesIsReportedAsUnknown() throws Exception {
        ChangeEvent stray = ChangeEvent.update(SystemSide.LEGACY, ORDERS, List.of("id"), row(5, 1), row(5, 2), COMMIT,
                new SourcePosition("lsn", "0/3"), null);
        ApplyPipeline pipeline = ApplyPipeline.of(applier, deadLetters, listener, Map.of(ITEMS, "items"));

        pipeline.report(pipeline.apply(List.of(stray)), BindingAttribution.NONE, Set.of());

        assertThat(heard).containsExactly("applied unknown lag=40");
    }

    @Test
    void theFollowerSkipsTheArbitersReflectionOfItsOwnChangeThatALaterOneSupersedes() throws Exception {
        arbitrateFollowerChangeThenUpdateItAgain();
        ScriptedApplier followerApplier = new ScriptedApplier();
        List<RowImage> keysRead = new ArrayList<>();
        ApplyPipeline follower = ApplyPipeline.builder(deadLetters, listener, Map.of(ITEMS, "items"))
                .follower(followerApplier, guard, twoWay, (table, key) -> {
                    keysRead.add(key);
                    return row(1, 3);
                }).build();

        ChangeEvent reflection = update(1, 1, 2, "0/9", "tx-9");
        follower.report(follower.apply(List.of(reflection)), BindingAttribution.NONE, Set.of());

        assertThat(followerApplier.given).isEmpty();
        assertThat(keysRead).containsExactly(RowImage.builder().put("id", 1L).build());
        assertThat(heard).containsExactly("skipped items " + ReflectionGuard.SKIP_SUPERSEDED);
    }

    @Test
    void theFollowerAppliesAReflectionWhenItsRowNoLongerHoldsItsOwnLaterChange() throws Exception {
        arbitrateFollowerChangeThenUpdateItAgain();
        ScriptedApplier followerApplier = new ScriptedApplier();
        ApplyPipeline follower = ApplyPipeline.builder(deadLetters, listener, Map.of(ITEMS, "items"))
                .follower(followerApplier, guard, twoWay, (table, key) -> row(1, 7)).build();

        ChangeEvent reflection = update(1, 1, 2, "0/9", "tx-9");
        follower.apply(List.of(reflection));

        assertThat(followerApplier.given).containsExactly(reflection);
    }

    /**
     * The follower changed row 1 (qty 1 to 2), the arbiter applied that in transaction {@code tx-9},
     * and the follower changed the row again (qty 2 to 3) meanwhile.
     */
    private void arbitrateFollowerChangeThenUpdateItAgain() throws Exception {
        ChangeEvent first = update(1, 1, 2, "0/1", null);
        guard.captured("items", first);
        guard.captured("items", update(1, 2, 3, "0/2", null));
        ApplyPipeline arbiter = ApplyPipeline.builder(deadLetters, listener, Map.of(ITEMS, "items"))
                .arbiter(applier, guard, twoWay).build();
        arbiter.report(arbiter.apply(List.of(first)), BindingAttribution.NONE, Set.of());
        heard.clear();
    }

    private static ChangeEvent update(long id, int qtyBefore, int qtyAfter, String lsn, String transaction) {
        return ChangeEvent.update(SystemSide.LEGACY, ITEMS, List.of("id"), row(id, qtyBefore), row(id, qtyAfter), COMMIT,
                new SourcePosition("lsn", lsn), transaction);
    }

    private static RowImage row(long id, int qty) {
        return RowImage.builder().put("id", id).put("qty", qty).build();
    }
}
