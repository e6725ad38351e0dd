package dev.cutover.kafka.internal;

import dev.cutover.kafka.RecordSizeLimit;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration of the in-process single-node KRaft broker: broker and controller in one
 * process, bound to 127.0.0.1, sized for a laptop or a CI machine rather than for production
 * throughput.
 */
public final class BrokerProperties {

    /** The node id of the only node. */
    public static final int NODE_ID = 1;
    /** The listener clients connect to. */
    public static final String CLIENT_LISTENER = "PLAINTEXT";
    /** The listener the KRaft controller speaks on. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final String HOST = "127.0.0.1";
    /** 2 MiB instead of 128 MiB: the log cleaner's dedupe buffer is allocated on the heap up front. */
    private static final long DEDUPE_BUFFER_BYTES = 2L * 1024 * 1024;
    private static final long SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final int INDEX_BYTES = 2 * 1024 * 1024;
    private static final int BROKER_SESSION_TIMEOUT_MS = 3000;

    private BrokerProperties() {
    }

    /**
     * The properties for a node that serves clients on {@code clientPort} and runs its controller
     * on {@code controllerPort}, storing everything in {@code logDir}, taking records up to {@code limit}.
     */
    public static Properties of(Path logDir, int clientPort, int controllerPort, RecordSizeLimit limit) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        p.setProperty("listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort);
        p.setProperty("inter.broker.listener.name", CLIENT_LISTENER);
        p.setProperty("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("metadata.log.dir", logDir.toString());

        // One node: every internal topic has one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        // Topics are created explicitly with their intended partitions and configs; a typo must not create one.
        p.setProperty("auto.create.topics.enable", "false");
        // Nobody else will join: start a consumer group's first generation at once.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // After a kill -9 the controller keeps the dead broker's registration until its session expires, and
        // refuses the restarted broker until then: 9 s by default. Broker and controller share this process,
        // so heartbeats cannot be delayed by a network; a short session makes the restart wait ~3 s, not ~10 s
        // (shorter would risk fencing the broker when a loaded machine starves its heartbeat thread).
        p.setProperty("broker.session.timeout.ms", Integer.toString(BROKER_SESSION_TIMEOUT_MS));
        p.setProperty("broker.heartbeat.interval.ms", Integer.toString(BROKER_SESSION_TIMEOUT_MS / 4));

        // Small footprint: few threads, small segments and indexes, a small cleaner buffer.
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("log.cleaner.dedupe.buffer.size", Long.toString(DEDUPE_BUFFER_BYTES));
        p.setProperty("log.cleaner.io.buffer.size", Integer.toString(256 * 1024));
        p.setProperty("log.segment.bytes", Long.toString(SEGMENT_BYTES));
        p.setProperty("log.index.size.max.bytes", Integer.toString(INDEX_BYTES));
        p.setProperty("metadata.log.segment.bytes", Long.toString(8L * 1024 * 1024));

        // Large rows: the broker's default limit is 1 MiB.
        limit.brokerSettings().forEach(p::setProperty);
        return p;
    }
}
