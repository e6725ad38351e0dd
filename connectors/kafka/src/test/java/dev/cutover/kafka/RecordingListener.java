package dev.cutover.kafka;

import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.pipeline.spi.PipelineListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what an apply loop reports. */
final class RecordingListener implements PipelineListener {

    final List<ChangeEvent> applied = new CopyOnWriteArrayList<>();
    final List<Duration> lags = new CopyOnWriteArrayList<>();
    final List<String> deadLettered = new CopyOnWriteArrayList<>();
    final List<ConflictRecord> conflicts = new CopyOnWriteArrayList<>();
    final List<ChangeEvent> held = new CopyOnWriteArrayList<>();
    /** The binding of each conflict and held change, in the order reported. */
    final List<String> conflictBindings = new CopyOnWriteArrayList<>();

    @Override
    public void onApplied(String binding, ChangeEvent mapped, Duration endToEndLag) {
        applied.add(mapped);
        lags.add(endToEndLag);
    }

    @Override
    public void onDeadLettered(String binding, String reason) {
        deadLettered.add(binding + ":" + reason);
    }

    @Override
    public void onConflict(String binding, ConflictRecord conflict) {
        conflicts.add(conflict);
        conflictBindings.add(binding + ":conflict");
    }

    @Override
    public void onHeld(String binding, ChangeEvent mapped) {
        held.add(mapped);
        conflictBindings.add(binding + ":held");
    }
}
