package dev.cutover.kafka;

import dev.cutover.kafka.internal.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a bridge's topics when they are missing and verifies the ones that exist:
 * <ul>
 *   <li>one change topic per binding with the configured partitions and replication factor; an
 *       existing one must have exactly the configured partitions (Cutover never repartitions a
 *       topic: that would break per-row ordering);
 *   <li>{@code <bridge>._schemas}: one partition, {@code cleanup.policy=compact}, which an
 *       existing one must have too;
 *   <li>{@code <bridge>._deadletter}: one partition, kept forever ({@code retention.ms=-1});
 *   <li>{@code <bridge>._held}: like {@code _conflicts}; the changes of bindings paused for schema drift;</li>
 *   <li>{@code <bridge>._conflicts}: one partition, every record kept forever ({@code retention.ms=-1},
 *       {@code retention.bytes=-1}, {@code cleanup.policy=delete}), which an existing one must have
 *       too: a parked conflict and the changes held behind it live nowhere else;
 *   <li>{@code <bridge>._history}: like {@code _conflicts}; one partition keeps the lifecycle history in total order.
 * </ul>
 * Every topic takes records up to the {@link RecordSizeLimit} ({@code max.message.bytes}): a new
 * one is created so, an existing one with a lower setting is raised to it.
 * Problems are collected and reported together.
 *
 * <p>Thread-safe. {@link #close} releases the admin client; idempotent.
 */
public final class KafkaTopicAdmin implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopicAdmin.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The conflict log keeps every record: compaction would drop all but the last entry of a conflict. */
    private static final Map<String, String> CONFLICT_LOG_CONFIG = Map.of(
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1",
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);

    private final Admin admin;
    private final String bootstrap;
    private final Duration timeout;

    /**
     * @param clientProperties {@code bootstrap.servers} and any TLS/SASL settings
     * @param timeout how long to wait for each request to the cluster
     */
    public KafkaTopicAdmin(Map<String, String> clientProperties, Duration timeout) {
        this.admin = Admin.create(KafkaClients.admin(clientProperties, "cutover-topic-admin"));
        this.bootstrap = KafkaClients.bootstrap(clientProperties);
        this.timeout = timeout;
    }

    /** An admin that waits up to 30 seconds per request. */
    public KafkaTopicAdmin(Map<String, String> clientProperties) {
        this(clientProperties, DEFAULT_TIMEOUT);
    }

    /**
     * Creates the missing topics of {@code bridge} and verifies the existing ones.
     *
     * @throws KafkaOperationException listing every topic that could not be created or does not
     *     match, with the bootstrap servers
     */
    public void ensureTopics(String bridge, List<BindingRoute> routes, TopicSettings settings) throws KafkaOperationException, InterruptedException {
        Map<String, NewTopic> wanted = new LinkedHashMap<>();
        String maxMessageBytes = settings.recordLimit().topicMaxMessageBytes();
        for (BindingRoute route : routes) {
            wanted.put(route.topic(), new NewTopic(route.topic(), settings.partitions(), settings.replicationFactor())
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes)));
        }
        wanted.put(TopicNames.schemas(bridge), topic(TopicNames.schemas(bridge), settings,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        wanted.put(TopicNames.deadLetters(bridge), topic(TopicNames.deadLetters(bridge), settings,
                Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
        wanted.put(TopicNames.conflicts(bridge), topic(TopicNames.conflicts(bridge), settings, CONFLICT_LOG_CONFIG));
        // Held changes must outlive any retention: they wait for a person to fix the configuration.
        wanted.put(TopicNames.held(bridge), topic(TopicNames.held(bridge), settings, CONFLICT_LOG_CONFIG));
        wanted.put(TopicNames.history(bridge), topic(TopicNames.history(bridge), settings, CONFLICT_LOG_CONFIG));

        Set<String> existing = await(admin.listTopics().names(), "listing topics");
        List<String> problems = new ArrayList<>();
        List<NewTopic> missing = wanted.values().stream().filter(t -> !existing.contains(t.name())).toList();
        List<String> created = new ArrayList<>();
        Set<String> raced = create(missing, created, problems);
        List<String> fresh = new ArrayList<>(created);
        fresh.addAll(raced);
        awaitLeaders(fresh);
        List<String> toVerify = new ArrayList<>(wanted.keySet().stream().filter(existing::contains).toList());
        toVerify.addAll(raced);
        verify(bridge, toVerify, settings, problems);
        if (!problems.isEmpty()) {
            throw new KafkaOperationException("Kafka topics of bridge '" + bridge + "' at " + bootstrap
                    + " are not usable:\n  - " + String.join("\n  - ", problems));
        }
    }

    /**
     * Deletes those of {@code topics} that exist, with their records (and the consumer groups'
     * offsets on them).
     *
     * @return the topics deleted
     */
    public List<String> deleteTopics(Collection<String> topics) throws KafkaOperationException, InterruptedException {
        Set<String> existing = await(admin.listTopics().names(), "listing topics");
        List<String> deleting = topics.stream().filter(existing::contains).toList();
        if (!deleting.isEmpty()) {
            await(admin.deleteTopics(deleting).all(), "deleting topics " + deleting);
        }
        return deleting;
    }

    /** A one-partition topic with {@code configs} and the record limit's {@code max.message.bytes}. */
    private static NewTopic topic(String name, TopicSettings settings, Map<String, String> configs) {
        Map<String, String> all = new HashMap<>(configs);
        all.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, settings.recordLimit().topicMaxMessageBytes());
        return new NewTopic(name, 1, settings.replicationFactor()).configs(all);
    }

    /**
     * Waits until every partition of the new {@code topics} has a leader that serves it, so the
     * first records sent meet a partition that takes them: producing to one whose leader is not
     * ready yet can leave an idempotent producer retrying an out-of-order batch for good
     * (KAFKA-14359). A leader in the metadata is not enough: a broker lists a partition's leader as
     * soon as it learned of it, a moment before its log takes records, and answers a produce in
     * that moment with {@code NOT_LEADER_OR_FOLLOWER} (seen here, followed by the stuck producer).
     * Listing each partition's end offset is served by the leader's log, so once that answers, the
     * partitions take records.
     */
    private void awaitLeaders(List<String> topics) throws KafkaOperationException, InterruptedException {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, TopicDescription> described;
        List<String> leaderless;
        while (!(leaderless = leaderless(topics, described = describeNew(topics))).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new KafkaOperationException("Kafka at " + bootstrap + " elected no leader for partitions of " + leaderless
                        + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(METADATA_RETRY.toMillis());
        }
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p -> ends.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        while (true) {
            try {
                await(admin.listOffsets(ends).all(), "reading the end offsets of " + topics);
                return;
            } catch (KafkaOperationException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(METADATA_RETRY.toMillis());
            }
        }
    }

    /** The new {@code topics} as the broker describes them; none while it does not know them yet. */
    private Map<String, TopicDescription> describeNew(List<String> topics) throws KafkaOperationException, InterruptedException {
        try {
            return await(admin.describeTopics(topics).allTopicNames(), "describing topics " + topics);
        } catch (KafkaOperationException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of();
            }
            throw e;
        }
    }

    /** Those of {@code topics} not described yet or with a partition that has no leader yet. */
    private static List<String> leaderless(List<String> topics, Map<String, TopicDescription> described) {
        return topics.stream().filter(t -> !described.containsKey(t) || described.get(t).partitions().stream()
                .anyMatch(p -> p.leader() == null || p.leader().isEmpty())).toList();
    }

    /**
     * Creates {@code topics}, adding those it created to {@code created}; returns those another
     * client created meanwhile, to be verified instead.
     */
    private Set<String> create(List<NewTopic> topics, List<String> created, List<String> problems)
            throws KafkaOperationException, InterruptedException {
        if (topics.isEmpty()) {
            return Set.of();
        }
        CreateTopicsResult result = admin.createTopics(topics);
        Set<String> raced = new HashSet<>();
        for (Map.Entry<String, KafkaFuture<Void>> e : result.values().entrySet()) {
            try {
                await(e.getValue(), "creating topic " + e.getKey());
                created.add(e.getKey());
                LOG.info("Created Kafka topic {} at {}", e.getKey(), bootstrap);
            } catch (KafkaOperationException failure) {
                if (failure.getCause() instanceof TopicExistsException) {
                    raced.add(e.getKey());
                } else {
                    problems.add("topic " + e.getKey() + " could not be created: " + rootMessage(failure));
                }
            }
        }
        return raced;
    }

    private void verify(String bridge, List<String> topics, TopicSettings settings, List<String> problems)
            throws KafkaOperationException, InterruptedException {
        if (topics.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions = awaitKnown(() -> admin.describeTopics(topics).allTopicNames(),
                "describing topics " + topics);
        String schemas = TopicNames.schemas(bridge);
        String deadLetters = TopicNames.deadLetters(bridge);
        String conflicts = TopicNames.conflicts(bridge);
        String history = TopicNames.history(bridge);
        Set<String> oneSided = Set.of(schemas, deadLetters, conflicts, TopicNames.held(bridge), history);
        for (TopicDescription d : descriptions.values()) {
            boolean changeTopic = !oneSided.contains(d.name());
            if (changeTopic && d.partitions().size() != settings.partitions()) {
                problems.add("topic " + d.name() + " has " + d.partitions().size() + " partitions but " + settings.partitions()
                        + " are configured; Cutover never repartitions a topic (it would break per-row order): "
                        + "configure " + d.partitions().size() + " or recreate the topic");
            }
        }
        if (topics.contains(schemas)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, schemas);
            Config config = awaitKnown(() -> admin.describeConfigs(List.of(resource)).all(), "describing topic " + schemas).get(resource);
            ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                problems.add("topic " + schemas + " must have cleanup.policy=compact (it has "
                        + (policy == null ? "none" : policy.value()) + "), or schemas would expire");
            }
        }
        if (topics.contains(conflicts)) {
            verifyKeptForever(conflicts, "conflict log entries", problems);
        }
        if (topics.contains(history)) {
            verifyKeptForever(history, "history entries", problems);
        }
        raiseMaxMessageBytes(topics, settings.recordLimit(), problems);
    }

    /** Raises {@code max.message.bytes} of those {@code topics} whose setting is below the record limit's. */
    private void raiseMaxMessageBytes(List<String> topics, RecordSizeLimit limit, List<String> problems)
            throws KafkaOperationException, InterruptedException {
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> configs = awaitKnown(() -> admin.describeConfigs(resources).all(), "describing topics " + topics);
        Map<ConfigResource, Collection<AlterConfigOp>> raise = new LinkedHashMap<>();
        for (Map.Entry<ConfigResource, Config> e : configs.entrySet()) {
            ConfigEntry entry = e.getValue().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (entry == null || entry.value() == null || Long.parseLong(entry.value()) < limit.kafkaLimit()) {
                raise.put(e.getKey(), List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        limit.topicMaxMessageBytes()), AlterConfigOp.OpType.SET)));
            }
        }
        if (raise.isEmpty()) {
            return;
        }
        for (Map.Entry<ConfigResource, KafkaFuture<Void>> e : admin.incrementalAlterConfigs(raise).values().entrySet()) {
            try {
                await(e.getValue(), "raising max.message.bytes of topic " + e.getKey().name());
                LOG.info("Raised max.message.bytes of Kafka topic {} to {} (kafka.max-record-bytes {} plus framing)",
                        e.getKey().name(), limit.kafkaLimit(), limit.maxRecordBytes());
            } catch (KafkaOperationException failure) {
                problems.add("topic " + e.getKey().name() + " takes records below kafka.max-record-bytes ("
                        + limit.maxRecordBytes() + " bytes) and its max.message.bytes could not be raised to "
                        + limit.kafkaLimit() + ": " + rootMessage(failure) + "; raise it, or lower kafka.max-record-bytes");
            }
        }
    }

    /** A log such as the conflict log must keep every record; reports each setting that would let one of its {@code entries} go. */
    private void verifyKeptForever(String topic, String entries, List<String> problems) throws KafkaOperationException, InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = awaitKnown(() -> admin.describeConfigs(List.of(resource)).all(), "describing topic " + topic).get(resource);
        for (Map.Entry<String, String> wanted : new TreeMap<>(CONFLICT_LOG_CONFIG).entrySet()) {
            ConfigEntry actual = config.get(wanted.getKey());
            String value = actual == null ? null : actual.value();
            if (!wanted.getValue().equals(value)) {
                problems.add("topic " + topic + " must have " + wanted.getKey() + "=" + wanted.getValue() + " (it has "
                        + (value == null ? "none" : value) + "), or " + entries + " would be lost");
            }
        }
    }

    /**
     * As {@link #await}, asking again while a broker does not know the topics yet: a topic just
     * created, or listed by the controller, may reach a broker's metadata a moment later.
     */
    private <T> T awaitKnown(Supplier<KafkaFuture<T>> request, String what) throws KafkaOperationException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return await(request.get(), what);
            } catch (KafkaOperationException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(METADATA_RETRY.toMillis());
            }
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) throws KafkaOperationException, InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaOperationException("Kafka at " + bootstrap + " failed " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaOperationException("Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds()
                    + " s while " + what, e);
        }
    }

    private static final Duration METADATA_RETRY = Duration.ofMillis(100);

    private static String rootMessage(KafkaOperationException e) {
        return e.getCause() != null ? e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage() : e.getMessage();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
