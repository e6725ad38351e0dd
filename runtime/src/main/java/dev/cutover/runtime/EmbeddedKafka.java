package dev.cutover.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.kafka.EmbeddedKafkaBroker;
import dev.cutover.kafka.RecordSizeLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Kafka broker of a bridge configured with {@code kafka.bootstrap: embedded}: started
 * when a pipeline first needs it and kept across reloads (a reload restarts the pipeline, not the
 * broker its topics live on), stopped with the bridge. Thread-safe.
 */
final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final BridgeConfig config;
    private EmbeddedKafkaBroker broker;

    EmbeddedKafka(BridgeConfig config) {
        this.config = config;
    }

    /** The broker's address, starting it on first use. */
    synchronized String bootstrapServers(RecordSizeLimit recordLimit) {
        if (broker == null) {
            broker = EmbeddedKafkaBroker.start(config.kafka().dataDir(), config.kafka().embeddedPort(), recordLimit);
            LOG.info("Embedded Kafka broker listening on {}", broker.bootstrapServers());
        }
        return broker.bootstrapServers();
    }

    @Override
    public synchronized void close() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
