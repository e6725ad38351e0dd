package dev.cutover.runtime.http;

import java.util.Map;

/**
 * What the {@code /bindings} endpoints ask of the running bridge: pausing and resuming one
 * binding. Documents are maps, lists, strings and numbers only: {@code binding}, {@code state},
 * {@code message}.
 */
public interface BindingQueries {

    /**
     * Pauses applying {@code binding} (both directions of a two-way one); its changes keep being
     * captured and wait on its topic. Idempotent; the pause survives a restart.
     *
     * @throws IllegalArgumentException when there is no such binding, or it syncs nothing ({@code none})
     */
    Map<String, Object> pause(String binding);

    /**
     * Resumes {@code binding}, paused by an operator or failed, or paused for drift by its applier
     * once its table fits again; its waiting changes are applied in order.
     *
     * @throws IllegalArgumentException when there is no such binding, or it syncs nothing ({@code none})
     * @throws IllegalStateException when it cannot resume now (its table still drifts, or its capture holds
     *     its changes until a restart), saying why and what to do
     */
    Map<String, Object> resume(String binding);
}
