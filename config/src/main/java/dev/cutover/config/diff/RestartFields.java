package dev.cutover.config.diff;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.HttpOptions;
import dev.cutover.config.KafkaOptions;
import dev.cutover.config.SystemOptions;
import dev.cutover.config.TuningOptions;
import dev.cutover.core.event.SystemSide;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The bridge-level settings a reload cannot apply live: each is read once when the bridge starts.
 * Tuning knobs could be swapped live one by one, but a restart is the honest, simple rule for all of them.
 */
final class RestartFields {

    private record Field(String path, Function<BridgeConfig, Object> value, String why) {
    }

    private static final String KAFKA = "the Kafka clients and the embedded broker are set up at start";
    private static final String SYSTEMS = "the database connections and captures are set up at start";
    private static final String HTTP = "the HTTP endpoint is bound at start";
    private static final String TUNING = "the pipeline reads its knobs at start";

    private static final List<Field> FIELDS = Stream.of(
            Stream.of(new Field("name", BridgeConfig::name, "the name identifies the replication slots, topics and consumer groups")),
            Stream.of(new Field("data-dir", BridgeConfig::dataDir, "the data directory holds the durable state")),
            kafka("bootstrap", KafkaOptions::bootstrap),
            kafka("data-dir", KafkaOptions::dataDir),
            kafka("embedded-port", KafkaOptions::embeddedPort),
            kafka("properties", KafkaOptions::properties),
            kafka("partitions", KafkaOptions::partitions),
            kafka("replication-factor", KafkaOptions::replicationFactor),
            kafka("max-record-bytes", KafkaOptions::maxRecordBytes),
            system(SystemSide.LEGACY),
            system(SystemSide.NEW),
            http("address", HttpOptions::address),
            http("token", HttpOptions::token),
            tuning("capture-poll-interval", TuningOptions::capturePollInterval),
            tuning("capture-batch-size", TuningOptions::captureBatchSize),
            tuning("apply-batch-size", TuningOptions::applyBatchSize),
            tuning("heartbeat-interval", TuningOptions::heartbeatInterval),
            tuning("retry-backoff-max", TuningOptions::retryBackoffMax),
            tuning("slot-retained-warn", TuningOptions::slotRetainedWarn),
            tuning("slot-probe-interval", TuningOptions::slotProbeInterval),
            tuning("load-threads", TuningOptions::loadThreads),
            tuning("load-max-rows-per-second", TuningOptions::loadMaxRowsPerSecond))
            .flatMap(s -> s).toList();

    private RestartFields() {
    }

    /** One refusal per setting that differs, in file order; values are never shown, they may be secret. */
    static List<Refusal> differences(BridgeConfig running, BridgeConfig next) {
        List<Refusal> out = new ArrayList<>();
        for (Field f : FIELDS) {
            if (!Objects.equals(f.value().apply(running), f.value().apply(next))) {
                out.add(new Refusal(f.path(), "needs a restart (" + f.why() + ")"));
            }
        }
        return out;
    }

    private static Stream<Field> kafka(String key, Function<KafkaOptions, Object> value) {
        return Stream.of(new Field("kafka." + key, c -> value.apply(c.kafka()), KAFKA));
    }

    private static Stream<Field> http(String key, Function<HttpOptions, Object> value) {
        return Stream.of(new Field("http." + key, c -> value.apply(c.http()), HTTP));
    }

    private static Stream<Field> tuning(String key, Function<TuningOptions, Object> value) {
        return Stream.of(new Field("tuning." + key, c -> value.apply(c.tuning()), TUNING));
    }

    private static Stream<Field> system(SystemSide side) {
        String prefix = "systems." + side.label() + ".";
        Function<BridgeConfig, SystemOptions> system = c -> c.system(side);
        return Stream.of(
                new Field(prefix + "kind", c -> system.apply(c).kind(), SYSTEMS),
                new Field(prefix + "jdbc-url", c -> system.apply(c).jdbcUrl(), SYSTEMS),
                new Field(prefix + "user", c -> system.apply(c).user(), SYSTEMS),
                new Field(prefix + "password", c -> system.apply(c).password(), SYSTEMS));
    }
}
