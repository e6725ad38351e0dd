package dev.cutover.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.core.conflict.ReflectionGuard;
import dev.cutover.runtime.metrics.MicrometerPipelineListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Set;

/**
 * What the assemblies of one bridge's captures, appliers and batch copies share.
 *
 * @param reflections the follower's changes its capture saw, which the appliers of two-way bindings recognise coming back
 * @param twoWay whether any binding is two-way
 * @param components where each assembly registers what it started
 * @param control the operators' pauses, which a binding starts in
 * @param inSync the bindings whose tables a reload just verified equal: their captures load no existing rows
 * @param loadHolds holds a binding's applier while its table is copied in bulk
 */
record BridgeWiring(BridgeConfig config, MicrometerPipelineListener metrics, MeterRegistry registry, Clock clock,
        BridgeKafka kafka, Desks desks, StartupDrift drift, ReflectionGuard reflections, ComponentFailures failures,
        boolean twoWay, StartedComponents components, BindingControl control, Set<String> inSync, LoadHolds loadHolds) {
}
