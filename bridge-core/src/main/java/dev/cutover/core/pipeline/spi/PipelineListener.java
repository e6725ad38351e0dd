package dev.cutover.core.pipeline.spi;

import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.event.ChangeEvent;
import java.time.Duration;

/**
 * Told what the pipeline does, for metrics and status. Every method defaults to doing nothing,
 * so a listener implements only what it reports.
 *
 * <p>Methods are called from pipeline threads, possibly concurrently: implementations must be
 * thread-safe and fast (no I/O).
 */
public interface PipelineListener {

    /** A listener that ignores everything. */
    PipelineListener NONE = new PipelineListener() {
    };

    /**
     * A change was captured from its source database.
     *
     * @param binding the binding name
     * @param event the change in source terms
     * @param captureLag how long after the source commit it was captured
     */
    default void onCaptured(String binding, ChangeEvent event, Duration captureLag) {
    }

    /** A mapped change was published and acknowledged by Kafka. */
    default void onPublished(String binding, ChangeEvent mapped) {
    }

    /**
     * A change was written into its target database.
     *
     * @param endToEndLag target commit time minus source commit time
     */
    default void onApplied(String binding, ChangeEvent mapped, Duration endToEndLag) {
    }

    /**
     * {@code rows} existing rows of {@code binding}'s table were copied into the target in bulk,
     * straight from the source database: captured and applied, without passing Kafka.
     */
    default void onCopied(String binding, long rows) {
    }

    /** A change was deliberately not applied; {@code reason} is a short constant for a metric tag. */
    default void onSkipped(String binding, ChangeEvent event, String reason) {
    }

    /** A change could not be mapped or applied and was parked in the dead-letter store. */
    default void onDeadLettered(String binding, String reason) {
    }

    /** An applier met a conflict and decided it as the record says (possibly parking it). */
    default void onConflict(String binding, ConflictRecord conflict) {
    }

    /** A change was queued behind a parked conflict of its key; it is applied once that is resolved. */
    default void onHeld(String binding, ChangeEvent mapped) {
    }

    /** A captured change held, as captured, because its binding is paused for schema drift. */
    default void onDriftHeld(String binding, ChangeEvent captured) {
    }

    /** A heartbeat from a source, with the source's own clock, so lag is known while idle. */
    default void onHeartbeat(String system) {
    }
}
