package dev.cutover.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.kafka.BindingRoute;
import dev.cutover.kafka.KafkaChangePublisher;
import dev.cutover.kafka.KafkaConflictSink;
import dev.cutover.kafka.KafkaDeadLetterSink;
import dev.cutover.kafka.KafkaHeldChanges;
import dev.cutover.kafka.KafkaHistorySink;
import dev.cutover.kafka.KafkaTopicAdmin;
import dev.cutover.kafka.RecordSizeLimit;
import dev.cutover.kafka.SchemaTopic;
import dev.cutover.kafka.TopicSchemas;
import dev.cutover.kafka.TopicSettings;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kafka a bridge's pipeline shares: the broker's address (the embedded broker outlives the
 * pipeline, see {@link EmbeddedKafka}), the topics with their
 * schemas, and the clients that write the change, dead-letter, held-change, conflict and history topics.
 * {@link #start} opens them one by one, so closing after a failed start closes what was opened.
 */
final class BridgeKafka {

    private final BridgeConfig config;
    private final RecordSizeLimit recordLimit;
    private final EmbeddedKafka embedded;
    private String bootstrapServers;
    private Map<String, String> clientProps;
    private KafkaDeadLetterSink deadLetters;
    private KafkaHeldChanges heldChanges;
    private KafkaConflictSink conflicts;
    private KafkaHistorySink history;
    private KafkaChangePublisher publisher;

    /** @param embedded the bridge's embedded broker; null when {@code kafka.bootstrap} names a cluster */
    BridgeKafka(BridgeConfig config, EmbeddedKafka embedded) {
        this.config = config;
        this.embedded = embedded;
        // The largest record, as kafka.max-record-bytes says, for every Kafka client, topic and the embedded broker.
        this.recordLimit = new RecordSizeLimit(config.kafka().maxRecordBytes());
    }

    /**
     * Starts the embedded broker unless it runs, creates the topics of {@code routes}, publishes their
     * schemas and opens the clients; the conflicts topic's only when {@code twoWay}.
     */
    void start(List<BindingRoute> routes, boolean twoWay, Clock clock) throws Exception {
        bootstrapServers = config.kafka().embedded() ? embedded.bootstrapServers(recordLimit) : config.kafka().bootstrap();
        clientProps = new HashMap<>(config.kafka().properties());
        clientProps.put("bootstrap.servers", bootstrapServers);
        ensureTopicsAndSchemas(routes);
        deadLetters = new KafkaDeadLetterSink(config.name(), clientProps, clock, recordLimit);
        heldChanges = new KafkaHeldChanges(config.name(), clientProps, recordLimit);
        if (twoWay) {
            conflicts = new KafkaConflictSink(config.name(), clientProps);
        }
        publisher = new KafkaChangePublisher(config.name(), clientProps, routes, recordLimit);
        history = new KafkaHistorySink(config.name(), clientProps);
    }

    /**
     * Serves the routes of a reloaded configuration: creates the topics that do not exist yet,
     * publishes the schemas (a changed mapping's too) and routes the publisher to them.
     */
    void reroute(List<BindingRoute> routes) throws Exception {
        ensureTopicsAndSchemas(routes);
        publisher.reroute(routes);
    }

    private void ensureTopicsAndSchemas(List<BindingRoute> routes) throws Exception {
        try (KafkaTopicAdmin admin = new KafkaTopicAdmin(clientProps)) {
            admin.ensureTopics(config.name(), routes,
                    new TopicSettings(config.kafka().partitions(), (short) config.kafka().replicationFactor(), recordLimit));
        }
        try (SchemaTopic schemas = new SchemaTopic(config.name(), clientProps)) {
            for (BindingRoute route : routes) {
                schemas.publish(TopicSchemas.of(config.name(), route));
            }
        }
    }

    /** {@code bootstrap.servers} and the configured client properties, for every client of the bridge. */
    Map<String, String> clientProps() {
        return clientProps;
    }

    /** The brokers' address; null before {@link #start}. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    RecordSizeLimit recordLimit() {
        return recordLimit;
    }

    KafkaDeadLetterSink deadLetters() {
        return deadLetters;
    }

    KafkaHeldChanges heldChanges() {
        return heldChanges;
    }

    /** Writes the conflicts topic; null unless a binding is two-way. */
    KafkaConflictSink conflicts() {
        return conflicts;
    }

    KafkaChangePublisher publisher() {
        return publisher;
    }

    /** Writes the bridge's lifecycle history. */
    KafkaHistorySink history() {
        return history;
    }

    /** Closes the clients that were opened; the first failure stops the rest. */
    void closeClients() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
        if (heldChanges != null) {
            heldChanges.close();
        }
        if (conflicts != null) {
            conflicts.close();
        }
        if (history != null) {
            history.close();
        }
    }
}
