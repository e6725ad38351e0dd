package dev.cutover.service.runtime;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.pipeline.spi.PipelineListener;
import java.time.Duration;
import java.util.Map;

/**
 * Passes a capture's callbacks on, filing the echoes it drops under their binding: the capture
 * knows only the table ({@code schema.table}) an echo belongs to.
 */
final class EchoAttribution implements PipelineListener {

    private final PipelineListener delegate;
    private final Map<String, String> bindingByTable;

    /** @param bindingByTable binding name by captured table, as {@code schema.table} */
    EchoAttribution(PipelineListener delegate, Map<String, String> bindingByTable) {
        this.delegate = delegate;
        this.bindingByTable = Map.copyOf(bindingByTable);
    }

    @Override
    public void onSkipped(String binding, ChangeEvent event, String reason) {
        delegate.onSkipped(bindingByTable.getOrDefault(binding, binding), event, reason);
    }

    @Override
    public void onCaptured(String binding, ChangeEvent event, Duration captureLag) {
        delegate.onCaptured(binding, event, captureLag);
    }

    @Override
    public void onPublished(String binding, ChangeEvent mapped) {
        delegate.onPublished(binding, mapped);
    }

    @Override
    public void onDeadLettered(String binding, String reason) {
        delegate.onDeadLettered(binding, reason);
    }

    @Override
    public void onHeartbeat(String system) {
        delegate.onHeartbeat(system);
    }
}
