package dev.cutover.config;

import dev.cutover.config.internal.Redaction;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Kafka connection and topic settings. Immutable and thread-safe.
 *
 * @param bootstrap {@value #EMBEDDED} for an in-process broker, or a comma-separated list of
 *     {@code host:port}
 * @param dataDir the embedded broker's log directory; null unless {@link #embedded()}
 * @param properties client properties passed through to every producer, consumer and admin client
 * @param hiddenProperties names of properties whose values must never be shown; always includes
 *     every name that {@link Redaction#isSensitiveName(String)} flags (password, secret, jaas, credentials)
 * @param partitions partitions of each change topic Cutover creates; positive
 * @param replicationFactor replication factor of each topic Cutover creates; positive
 * @param maxRecordBytes the largest Kafka record Cutover publishes, {@value #MIN_MAX_RECORD_BYTES} to
 *     {@value #MAX_MAX_RECORD_BYTES} bytes; larger changes are dead-lettered
 */
public record KafkaOptions(String bootstrap, Path dataDir, int embeddedPort, Map<String, String> properties,
        Set<String> hiddenProperties, int partitions, int replicationFactor, int maxRecordBytes) {

    /** The bootstrap value that starts an in-process KRaft broker. */
    public static final String EMBEDDED = "embedded";
    public static final int DEFAULT_PARTITIONS = 3;
    public static final int DEFAULT_REPLICATION_FACTOR = 1;
    /** The embedded broker's directory, under the bridge's data directory, when the file sets none. */
    public static final String DEFAULT_EMBEDDED_DIR = "kafka";
    /** The embedded broker's client port when the file sets none: Kafka's usual one. */
    public static final int DEFAULT_EMBEDDED_PORT = 9092;
    /**
     * 40 MiB: a 16 MiB row travels even when an update carries it twice, as before and after image.
     * The Kafka connector's {@code RecordSizeLimit} holds the same numbers (a service test checks it).
     */
    public static final int DEFAULT_MAX_RECORD_BYTES = 40 * 1024 * 1024;
    /** Kafka's own default limit. */
    public static final int MIN_MAX_RECORD_BYTES = 1024 * 1024;
    /** A record is held in memory several times over on its way. */
    public static final int MAX_MAX_RECORD_BYTES = 512 * 1024 * 1024;

    public KafkaOptions {
        Objects.requireNonNull(bootstrap, "bootstrap");
        if (EMBEDDED.equals(bootstrap) != (dataDir != null)) {
            throw new IllegalArgumentException("dataDir is required with the embedded broker and not allowed otherwise");
        }
        if (embeddedPort < 0 || embeddedPort > 65_535) {
            throw new IllegalArgumentException("embeddedPort must be 0 to 65535, got " + embeddedPort);
        }
        if (maxRecordBytes < MIN_MAX_RECORD_BYTES || maxRecordBytes > MAX_MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("maxRecordBytes must be " + MIN_MAX_RECORD_BYTES + " to " + MAX_MAX_RECORD_BYTES
                    + ", got " + maxRecordBytes);
        }
        if (partitions <= 0 || replicationFactor <= 0) {
            throw new IllegalArgumentException("partitions and replicationFactor must be positive, got " + partitions
                    + " and " + replicationFactor);
        }
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties == null ? Map.of() : properties));
        Set<String> hidden = new LinkedHashSet<>(hiddenProperties == null ? Set.of() : hiddenProperties);
        properties.keySet().stream().filter(Redaction::isSensitiveName).forEach(hidden::add);
        hiddenProperties = Collections.unmodifiableSet(hidden);
    }

    /** True when Cutover starts its own in-process broker. */
    public boolean embedded() {
        return EMBEDDED.equals(bootstrap);
    }

    /** The {@code host:port} entries of a real cluster; empty when {@link #embedded()}. */
    public List<String> bootstrapServers() {
        return embedded() ? List.of() : Arrays.stream(bootstrap.split(",")).map(String::trim).toList();
    }

    /** The properties with every hidden value replaced by {@value Secret#HIDDEN}, for logs. */
    public Map<String, String> redactedProperties() {
        Map<String, String> shown = new LinkedHashMap<>();
        properties.forEach((k, v) -> shown.put(k, hiddenProperties.contains(k) ? Secret.HIDDEN : v));
        return Collections.unmodifiableMap(shown);
    }

    /** Never prints hidden property values. */
    @Override
    public String toString() {
        return "KafkaOptions[bootstrap=" + bootstrap + ", dataDir=" + dataDir + ", properties=" + redactedProperties()
                + ", partitions=" + partitions + ", replicationFactor=" + replicationFactor
                + ", maxRecordBytes=" + maxRecordBytes + "]";
    }
}
