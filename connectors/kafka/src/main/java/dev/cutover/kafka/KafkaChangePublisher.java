package dev.cutover.kafka;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.pipeline.spi.ChangePublisher;
import dev.cutover.kafka.internal.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes mapped changes to their binding's change topic as Avro single-object encoded records
 * (see {@link ChangeEventCodec}).
 *
 * <ul>
 *   <li>Record key: the encoded key columns, so one partition holds every change of a row, in order.
 *   <li>Record value: the encoded envelope. A delete is sent as the delete record followed by a
 *       tombstone (same key, null value), so a compacted topic eventually forgets the row.
 *   <li>Header {@value #ORIGIN_HEADER}: the system the change came from ({@code legacy}/{@code new}).
 * </ul>
 * Before the first record of a topic, its schemas are published to {@code <bridge>._schemas} and
 * acknowledged. {@link #publish} encodes the whole list first (an encoding failure sends nothing),
 * then sends, flushes and blocks until every record is acknowledged. The producer is idempotent
 * with {@code acks=all}, batches with a short linger and compresses with lz4.
 *
 * <p>Thread-safe: several capture threads may publish at once. {@link #close} flushes and
 * releases the producer; idempotent.
 */
public final class KafkaChangePublisher implements ChangePublisher {

    /** Header naming the system a change came from. */
    public static final String ORIGIN_HEADER = "cutover.origin";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final Producer<byte[], byte[]> producer;
    private final SchemaTopic schemaTopic;
    private final Map<String, Route> routes = new HashMap<>();
    private final Header[] originHeaders = new Header[SystemSide.values().length];
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param bridge the bridge name (topics and schema namespaces derive from it)
     * @param clientProperties {@code bootstrap.servers} and any TLS/SASL or producer tuning settings;
     *     idempotence and {@code acks=all} are always enforced
     * @param routes the bindings this publisher serves
     */
    public KafkaChangePublisher(String bridge, Map<String, String> clientProperties, List<BindingRoute> routes) {
        this.bootstrap = KafkaClients.bootstrap(clientProperties);
        for (BindingRoute route : routes) {
            if (this.routes.put(routeKey(route.binding(), route.targetSide()), new Route(route, ChangeEventCodec.forRoute(bridge, route))) != null) {
                throw new IllegalArgumentException("binding '" + route.binding() + "' is routed twice to the "
                        + route.targetSide().label() + " system");
            }
        }
        for (SystemSide side : SystemSide.values()) {
            originHeaders[side.ordinal()] = new RecordHeader(ORIGIN_HEADER, side.label().getBytes(StandardCharsets.UTF_8));
        }
        this.producer = new KafkaProducer<>(KafkaClients.producer(clientProperties, "cutover-" + bridge + "-publisher"));
        this.schemaTopic = new SchemaTopic(bridge, bootstrap, producer, false);
    }

    /**
     * Publishes {@code mapped} to the topic of {@code binding} towards the system the changes did not
     * come from, and waits for every acknowledgement. All changes of one call share their origin.
     *
     * @throws IllegalArgumentException when the binding has no route
     * @throws ChangeCodecException when a change does not fit the topic's schema; nothing was sent
     * @throws KafkaOperationException naming binding, topic, change and bootstrap servers when a
     *     record was not acknowledged; the caller must not commit past these changes
     */
    @Override
    public void publish(String binding, List<ChangeEvent> mapped) throws KafkaOperationException, InterruptedException {
        if (closed.get()) {
            throw new IllegalStateException("publisher is closed; cannot publish for binding '" + binding + "'");
        }
        if (mapped.isEmpty()) {
            return;
        }
        // A two-way binding has a route per direction; a change goes to the system it did not come from.
        SystemSide target = mapped.get(0).origin().opposite();
        Route route = routes.get(routeKey(binding, target));
        if (route == null) {
            throw new IllegalArgumentException("no Kafka route for binding '" + binding + "' to the " + target.label()
                    + " system (routed: " + routes.values().stream().map(r -> r.route.binding() + " -> " + r.route.targetSide().label()).toList() + ")");
        }
        route.ensureSchemasPublished(schemaTopic);
        Outgoing outgoing = encode(route, mapped);
        List<Future<RecordMetadata>> acks = new ArrayList<>(outgoing.records.size());
        try {
            for (ProducerRecord<byte[], byte[]> record : outgoing.records) {
                acks.add(producer.send(record));
            }
            // publish waits for the acknowledgements anyway: do not let the last batch linger
            producer.flush();
        } catch (KafkaException e) {
            throw failure(route, outgoing.changes.get(acks.size() < outgoing.changes.size() ? acks.size() : 0), e);
        }
        awaitAll(route, outgoing, acks);
    }

    private static String routeKey(String binding, SystemSide target) {
        return binding + '\u0000' + target.label();
    }

    private Outgoing encode(Route route, List<ChangeEvent> mapped) {
        Outgoing outgoing = new Outgoing(mapped.size() + 8);
        String topic = route.route.topic();
        for (ChangeEvent event : mapped) {
            byte[] key = route.codec.encodeKey(event);
            byte[] value = route.codec.encodeValue(event);
            Header origin = originHeaders[event.origin().ordinal()];
            outgoing.add(new ProducerRecord<>(topic, null, null, key, value, new RecordHeaders(new Header[] {origin})), event);
            if (event.operation() == Operation.DELETE) {
                outgoing.add(new ProducerRecord<>(topic, null, null, key, null, new RecordHeaders(new Header[] {origin})), event);
            }
        }
        return outgoing;
    }

    /** Waits for every acknowledgement, then reports the first failure, naming its change. */
    private void awaitAll(Route route, Outgoing outgoing, List<Future<RecordMetadata>> acks)
            throws KafkaOperationException, InterruptedException {
        KafkaOperationException first = null;
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = failure(route, outgoing.changes.get(i), e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private KafkaOperationException failure(Route route, ChangeEvent event, Throwable cause) {
        return new KafkaOperationException("binding '" + route.route.binding() + "': Kafka at " + bootstrap
                + " did not acknowledge " + event.describe() + " on topic " + route.route.topic() + ": "
                + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            producer.close(CLOSE_TIMEOUT);
        }
    }

    /** The records of one publish call, each with the change it carries (a tombstone: its delete). */
    private static final class Outgoing {
        private final List<ProducerRecord<byte[], byte[]>> records;
        private final List<ChangeEvent> changes;

        private Outgoing(int capacity) {
            records = new ArrayList<>(capacity);
            changes = new ArrayList<>(capacity);
        }

        void add(ProducerRecord<byte[], byte[]> record, ChangeEvent change) {
            records.add(record);
            changes.add(change);
        }
    }

    /** A binding's route, its codec, and whether its schemas are on the schemas topic yet. */
    private static final class Route {
        private final BindingRoute route;
        private final ChangeEventCodec codec;
        private volatile boolean schemasPublished;

        private Route(BindingRoute route, ChangeEventCodec codec) {
            this.route = route;
            this.codec = codec;
        }

        void ensureSchemasPublished(SchemaTopic schemaTopic) throws KafkaOperationException, InterruptedException {
            if (schemasPublished) {
                return;
            }
            synchronized (this) {
                if (!schemasPublished) {
                    schemaTopic.publish(codec.schemas());
                    schemasPublished = true;
                }
            }
        }
    }
}
