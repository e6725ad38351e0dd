package dev.cutover.config.internal;

import static dev.cutover.config.KafkaOptions.DEFAULT_EMBEDDED_DIR;
import static dev.cutover.config.KafkaOptions.EMBEDDED;

import dev.cutover.config.KafkaOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code kafka} section: declarations and assembly into {@link KafkaOptions}. Stateless. */
final class KafkaSection {

    static final Key<String> BOOTSTRAP = Key.withDefault("bootstrap", Types.string(), EMBEDDED,
            "`" + EMBEDDED + "` starts an in-process KRaft broker for a zero-setup run; anything else is the"
                    + " bootstrap servers of a real cluster.")
            .validatedBy(Validators.bootstrap(EMBEDDED));
    static final Key<Path> DATA_DIR = Key.optional("data-dir", Types.path(),
            "Log directory of the embedded broker, relative to the configuration file's directory; only allowed"
                    + " with `bootstrap: " + EMBEDDED + "`.")
            .withDefaultText("`<data-dir>/" + DEFAULT_EMBEDDED_DIR + "`");
    static final Key<Integer> EMBEDDED_PORT = Key.withDefault("embedded-port", Types.integer(),
            KafkaOptions.DEFAULT_EMBEDDED_PORT,
            "Client port of the embedded broker on 127.0.0.1, where other programs (the new system itself) can read"
                    + " the change topics; 0 picks a free port at every start. Only allowed with `bootstrap: "
                    + EMBEDDED + "`.")
            .validatedBy(Validators.range(0, 65_535));
    static final Key<Map<String, Text>> PROPERTIES = Key.withDefault("properties",
            new MapType<>(Types.text(), "map of client property -> value", false), Map.of(),
            "Client properties (TLS, SASL, ...) passed through to every Kafka producer, consumer and admin client;"
                    + " a value is hidden in logs when its key contains password, secret, jaas or credentials, or when"
                    + " it comes from a reference.");
    static final Key<Integer> PARTITIONS = Key.withDefault("partitions", Types.integer(), KafkaOptions.DEFAULT_PARTITIONS,
            "Partitions of each change topic Cutover creates; more partitions let more instances apply in parallel.")
            .validatedBy(Validators.positive());
    static final Key<Integer> REPLICATION_FACTOR = Key.withDefault("replication-factor", Types.integer(),
            KafkaOptions.DEFAULT_REPLICATION_FACTOR,
            "Replication factor of each topic Cutover creates; must be 1 with the embedded broker.")
            .validatedBy(Validators.range(1, Short.MAX_VALUE));

    static final Key<Integer> MAX_RECORD_BYTES = Key.withDefault("max-record-bytes", Types.integer(),
            KafkaOptions.DEFAULT_MAX_RECORD_BYTES,
            "The largest Kafka record Cutover publishes, in bytes: a change whose record (key, envelope with before and"
                    + " after image, headers) is larger is dead-lettered with its size instead. Producers, consumers, the"
                    + " topics Cutover creates (`max.message.bytes`, raised on existing topics when lower) and the embedded"
                    + " broker are set to take records of this size; the default ("
                    + KafkaOptions.DEFAULT_MAX_RECORD_BYTES / (1024 * 1024) + " MiB) carries a 16 MiB row even when an"
                    + " update holds it twice.")
            .validatedBy(Validators.range(KafkaOptions.MIN_MAX_RECORD_BYTES, KafkaOptions.MAX_MAX_RECORD_BYTES));

    static final Section SECTION = new Section("kafka", "Where change topics live and how clients connect.",
            List.of(BOOTSTRAP, DATA_DIR, EMBEDDED_PORT, PROPERTIES, PARTITIONS, REPLICATION_FACTOR, MAX_RECORD_BYTES));
    static final SectionType<Draft> TYPE = SectionType.defaultedWhenAbsent(SECTION, KafkaSection::assemble);

    /** Client properties Cutover sets itself, with the reason a file may not set them. */
    private static final Map<String, String> RESERVED = reserved();

    private KafkaSection() {
    }

    private static Map<String, String> reserved() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("bootstrap.servers", "set kafka.bootstrap instead");
        for (String p : List.of("key.serializer", "value.serializer", "key.deserializer", "value.deserializer")) {
            r.put(p, "Cutover encodes and decodes records itself");
        }
        r.put("group.id", "Cutover names its consumer groups after the bridge");
        r.put("enable.auto.commit", "Cutover commits offsets only after the target database commits");
        for (String p : List.of("max.request.size", "max.partition.fetch.bytes")) {
            r.put(p, "set kafka." + MAX_RECORD_BYTES.name() + " instead, which sizes producers, consumers, topics and the"
                    + " embedded broker together");
        }
        return r;
    }

    /**
     * The section before the bridge's data directory is known.
     *
     * @param dataDir the embedded broker's directory as written, or null for the default
     */
    record Draft(String bootstrap, Path dataDir, int embeddedPort, Map<String, String> properties, Set<String> hidden,
            int partitions, int replicationFactor, int maxRecordBytes) {

        /** The options, with the embedded broker's directory resolved against {@code bridgeDataDir}. */
        KafkaOptions build(Path bridgeDataDir, ParseContext ctx) {
            Path dir = null;
            if (EMBEDDED.equals(bootstrap)) {
                dir = dataDir != null ? ctx.resolvePath(dataDir) : bridgeDataDir.resolve(DEFAULT_EMBEDDED_DIR);
            }
            return new KafkaOptions(bootstrap, dir, embeddedPort, properties, hidden, partitions, replicationFactor,
                    maxRecordBytes);
        }
    }

    private static Draft assemble(Values v) {
        boolean ok = v.complete();
        String bootstrap = v.get(BOOTSTRAP);
        boolean embedded = EMBEDDED.equals(bootstrap);
        if (bootstrap != null && !embedded && v.isSet(DATA_DIR)) {
            v.problem(DATA_DIR, "only used by the embedded broker, but " + v.pathOf(BOOTSTRAP) + " names a real cluster;"
                    + " remove " + DATA_DIR.name() + " or set " + BOOTSTRAP.name() + ": " + EMBEDDED);
            ok = false;
        }
        if (bootstrap != null && !embedded && v.isSet(EMBEDDED_PORT)) {
            v.problem(EMBEDDED_PORT, "only used by the embedded broker, but " + v.pathOf(BOOTSTRAP) + " names a real cluster;"
                    + " remove " + EMBEDDED_PORT.name() + " or set " + BOOTSTRAP.name() + ": " + EMBEDDED);
            ok = false;
        }
        Integer replicationFactor = v.get(REPLICATION_FACTOR);
        if (embedded && replicationFactor != null && replicationFactor > 1) {
            v.problem(REPLICATION_FACTOR, "the embedded broker is a single node, so it must be 1 with "
                    + v.pathOf(BOOTSTRAP) + ": " + EMBEDDED + ", got " + replicationFactor);
            ok = false;
        }
        Map<String, Text> properties = v.get(PROPERTIES);
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> hidden = new LinkedHashSet<>();
        if (properties != null) {
            for (Map.Entry<String, Text> p : properties.entrySet()) {
                String reason = RESERVED.get(p.getKey());
                if (reason != null) {
                    v.problem(PROPERTIES, p.getKey(), "may not be set here: " + reason);
                    ok = false;
                }
                values.put(p.getKey(), p.getValue().value());
                if (p.getValue().referenced() || Redaction.isSensitiveName(p.getKey())) {
                    hidden.add(p.getKey());
                }
            }
        }
        return ok ? new Draft(bootstrap, v.get(DATA_DIR), v.get(EMBEDDED_PORT), values, hidden, v.get(PARTITIONS),
                replicationFactor, v.get(MAX_RECORD_BYTES)) : null;
    }
}
