package dev.cutover.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.batch.BatchSpec;
import dev.cutover.core.batch.Schedule;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.binding.NoSyncStrategy;
import dev.cutover.core.binding.SyncMode;
import dev.cutover.core.conflict.ConflictSpec;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.TableMappingSpec;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BindingSidesTest {

    private static BindingOptions binding(Direction direction, SyncMode mode) {
        TableMappingSpec spec = new TableMappingSpec(new TableId("public", "a"),
                new TableId("public", "b"), null, null, null, null, null, null);
        return new BindingOptions("b", "bindings[0]", direction, mode, spec, Set.of(),
                direction == Direction.TWO_WAY ? ConflictSpec.DEFAULT : null, Set.of(),
                direction == Direction.NONE ? NoSyncStrategy.DEFAULT : null,
                mode == SyncMode.BATCH ? new BatchSpec(Schedule.parse("PT1M"), null, 100) : null);
    }

    @Test
    void eachDirectionWritesItsTargetsAndReadsTheirOpposites() {
        assertThat(BindingSides.written(binding(Direction.LEGACY_TO_NEW, SyncMode.STREAM))).containsExactly(SystemSide.NEW);
        assertThat(BindingSides.read(binding(Direction.NEW_TO_LEGACY, SyncMode.STREAM))).containsExactly(SystemSide.NEW);
        assertThat(BindingSides.read(binding(Direction.TWO_WAY, SyncMode.STREAM)))
                .containsExactlyInAnyOrder(SystemSide.LEGACY, SystemSide.NEW);
        assertThat(BindingSides.written(binding(Direction.NONE, SyncMode.STREAM))).isEmpty();
    }

    @Test
    void onlyStreamingBindingsAreCapturedFromTheDatabaseLog() {
        assertThat(BindingSides.captured(binding(Direction.LEGACY_TO_NEW, SyncMode.STREAM))).containsExactly(SystemSide.LEGACY);
        assertThat(BindingSides.captured(binding(Direction.LEGACY_TO_NEW, SyncMode.BATCH))).isEmpty();
        assertThat(BindingSides.captured(binding(Direction.NONE, SyncMode.STREAM))).isEmpty();
    }
}
