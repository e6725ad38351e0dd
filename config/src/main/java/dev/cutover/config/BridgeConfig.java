package dev.cutover.config;

import dev.cutover.config.internal.ConfigDescriber;
import dev.cutover.core.event.SystemSide;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole, validated configuration of one bridge. Immutable and thread-safe; no component is null.
 *
 * @param name the bridge id, {@code [a-z][a-z0-9_]{0,30}}; names replication slots, topics and consumer groups
 * @param dataDir the absolute directory for durable local state (offsets)
 * @param kafka Kafka connection and topic settings
 * @param legacySystem the legacy database
 * @param newSystem the new database
 * @param http where the HTTP endpoint listens
 * @param tuning batching and polling knobs
 * @param bindings the table bindings, in file order; not empty, names unique
 */
public record BridgeConfig(String name, Path dataDir, KafkaOptions kafka, SystemOptions legacySystem,
        SystemOptions newSystem, HttpOptions http, TuningOptions tuning, List<BindingOptions> bindings) {

    /** The data directory, relative to the configuration file's directory, when the file sets none. */
    public static final String DEFAULT_DATA_DIR = "data";

    public BridgeConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(tuning, "tuning");
        requireSide(legacySystem, SystemSide.LEGACY);
        requireSide(newSystem, SystemSide.NEW);
        bindings = List.copyOf(bindings);
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("a bridge needs at least one binding");
        }
    }

    private static void requireSide(SystemOptions system, SystemSide side) {
        Objects.requireNonNull(system, side.label() + " system");
        if (system.side() != side) {
            throw new IllegalArgumentException("the " + side.label() + " system is configured as side " + system.side().label());
        }
    }

    /** The system on {@code side}. */
    public SystemOptions system(SystemSide side) {
        return side == SystemSide.LEGACY ? legacySystem : newSystem;
    }

    /** The binding called {@code bindingName}, if there is one. */
    public Optional<BindingOptions> binding(String bindingName) {
        return bindings.stream().filter(b -> b.name().equals(bindingName)).findFirst();
    }

    /**
     * The effective configuration, defaults included, as multi-line YAML-like text for the log.
     * Passwords, credentials inside JDBC URLs, and Kafka properties, mapper options and conflict
     * resolver options that have sensitive names or come from references print as {@value Secret#HIDDEN}.
     */
    public String describe() {
        return ConfigDescriber.describe(this);
    }

    /** A one-line summary that never contains secrets; see {@link #describe()} for everything. */
    @Override
    public String toString() {
        return "BridgeConfig[" + name + ", bindings=" + bindings.stream().map(BindingOptions::name).toList() + "]";
    }
}
