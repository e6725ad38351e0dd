package dev.cutover.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.batch.BatchSpec;
import dev.cutover.core.batch.Schedule;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.binding.NoSyncStrategy;
import dev.cutover.core.binding.SyncMode;
import dev.cutover.core.conflict.ConflictPolicy;
import dev.cutover.core.conflict.ConflictSpec;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.TableMappingSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BridgePlannerTest {

    private static BindingOptions binding(Direction direction, SyncMode mode, String legacy, String neu) {
        TableMappingSpec spec = new TableMappingSpec(TableId.parse(legacy, "public"),
                TableId.parse(neu, "public"), null, null, null, null, null, null);
        return new BindingOptions("b", "bindings[0]", direction, mode, spec, Set.of(),
                direction == Direction.TWO_WAY ? ConflictSpec.DEFAULT : null, Set.of(),
                direction == Direction.NONE ? NoSyncStrategy.DEFAULT : null,
                mode == SyncMode.BATCH ? new BatchSpec(Schedule.parse("PT1M"), null, 100) : null);
    }

    private static BindingPlan plan(BindingOptions b, Set<SystemSide> resuming) {
        return BridgePlanner.plan("shop", List.of(new ReviewedBinding(b, null, null, null, List.of())), resuming).get(0);
    }

    @Test
    void aTwoWayBindingHasOneTopicPerDirectionNamedForTheTableItIsBoundFor() {
        BindingPlan p = plan(binding(Direction.TWO_WAY, SyncMode.STREAM, "public.item", "sales.items"), Set.of());

        assertThat(p.topics()).containsExactly("shop.new.sales_items (legacy -> new)", "shop.legacy.item (new -> legacy)");
        assertThat(p.conflicts()).isEqualTo("legacy-wins; arbiter: legacy");
    }

    @Test
    void aOneWayBindingHasOneTopicAndNoConflicts() {
        BindingPlan p = plan(binding(Direction.NEW_TO_LEGACY, SyncMode.STREAM, "public.item", "public.items"), Set.of());

        assertThat(p.topics()).containsExactly("shop.legacy.item (new -> legacy)");
        assertThat(p.conflicts()).isNull();
        assertThat(p.initialLoad()).containsExactly("initial load of existing new rows on first start");
    }

    @Test
    void newestWinsNamesItsColumnAndFallback() {
        ConflictSpec spec = new ConflictSpec(ConflictPolicy.NEWEST_WINS, "updated_at", ConflictPolicy.NEW_WINS, null, Map.of(), false);

        assertThat(BridgePlanner.conflicts(spec)).isEqualTo("newest-wins by updated_at, ties and deletes: new-wins; arbiter: legacy");
    }

    @Test
    void aCaptureThatResumesLoadsNothingWhileTheOtherSideLoadsOnFirstStart() {
        BindingPlan p = plan(binding(Direction.TWO_WAY, SyncMode.STREAM, "public.item", "public.items"), Set.of(SystemSide.LEGACY));

        assertThat(p.initialLoad()).hasSize(2);
        assertThat(p.initialLoad().get(0)).startsWith("none from the legacy side: its capture resumes");
        assertThat(p.initialLoad().get(1)).isEqualTo("initial load of existing new rows on first start");
    }

    @Test
    void batchAndUnsyncedBindingsCaptureNothing() {
        assertThat(plan(binding(Direction.LEGACY_TO_NEW, SyncMode.BATCH, "a", "b"), Set.of()).initialLoad())
                .containsExactly("none: copied in batches (mode batch), nothing is captured");
        BindingPlan none = plan(binding(Direction.NONE, SyncMode.STREAM, "a", "b"), Set.of());
        assertThat(none.initialLoad()).containsExactly("none: nothing is synced");
        assertThat(none.topics()).isEmpty();
    }
}
