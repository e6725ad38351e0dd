package dev.cutover.kafka;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.pipeline.spi.ChangePublisher;
import dev.cutover.core.pipeline.spi.PublishRefusal;
import dev.cutover.kafka.internal.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

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
 * acknowledged. {@link #publish} encodes the whole list first, setting aside each change that
 * cannot be encoded or is too large (see {@link ChangeRecords}), then sends the rest, flushes and
 * blocks until every record is acknowledged. The producer is idempotent
 * with {@code acks=all}, batches with a short linger and compresses with lz4.
 *
 * <p>Thread-safe: several capture threads may publish at once. {@link #close} flushes and
 * releases the producer; idempotent.
 */
public final class KafkaChangePublisher implements ChangePublisher {

    /** Header naming the system a change came from. */
    public static final String ORIGIN_HEADER = "cutover.origin";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final RecordSizeLimit limit;
    private final String bootstrap;
    private final Producer<byte[], byte[]> producer;
    private final SchemaTopic schemaTopic;
    private final String bridge;
    private volatile Map<String, Route> routes;
    private final Header[] originHeaders = new Header[SystemSide.values().length];
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param bridge the bridge name (topics and schema namespaces derive from it)
     * @param clientProperties {@code bootstrap.servers} and any TLS/SASL or producer tuning settings;
     *     idempotence and {@code acks=all} are always enforced
     * @param routes the bindings this publisher serves
     */
    public KafkaChangePublisher(String bridge, Map<String, String> clientProperties, List<BindingRoute> routes) {
        this(bridge, clientProperties, routes, RecordSizeLimit.DEFAULT);
    }

    /**
     * As {@link #KafkaChangePublisher(String, Map, List)}, refusing a change whose record is larger
     * than {@code limit}; the producer is configured to send records up to it.
     */
    public KafkaChangePublisher(String bridge, Map<String, String> clientProperties, List<BindingRoute> routes,
            RecordSizeLimit limit) {
        this.limit = limit;
        this.bootstrap = KafkaClients.bootstrap(clientProperties);
        this.bridge = bridge;
        this.routes = routeMap(bridge, routes);
        for (SystemSide side : SystemSide.values()) {
            originHeaders[side.ordinal()] = new RecordHeader(ORIGIN_HEADER, side.label().getBytes(StandardCharsets.UTF_8));
        }
        this.producer = new KafkaProducer<>(KafkaClients.producer(clientProperties, "cutover-" + bridge + "-publisher", limit));
        this.schemaTopic = new SchemaTopic(bridge, bootstrap, producer, false);
    }

    /**
     * Serves {@code next} from now on (the bindings of a reloaded configuration, whose topics exist
     * and whose schemas are published); a publish under way finishes with the route it took.
     */
    public void reroute(List<BindingRoute> next) {
        this.routes = routeMap(bridge, next);
    }

    private static Map<String, Route> routeMap(String bridge, List<BindingRoute> routes) {
        Map<String, Route> byKey = new HashMap<>();
        for (BindingRoute route : routes) {
            if (byKey.put(routeKey(route.binding(), route.targetSide()), new Route(route, ChangeEventCodec.forRoute(bridge, route))) != null) {
                throw new IllegalArgumentException("binding '" + route.binding() + "' is routed twice to the "
                        + route.targetSide().label() + " system");
            }
        }
        return Map.copyOf(byKey);
    }

    /**
     * Publishes {@code mapped} to the topic of {@code binding} towards the system the changes did not
     * come from, and waits for every acknowledgement. All changes of one call share their origin.
     * A change that does not fit the topic's schema, or whose record is larger than the
     * {@link RecordSizeLimit} or than Kafka takes, is not sent and comes back as a refusal; the
     * others are sent.
     *
     * @throws IllegalArgumentException when the binding has no route
     * @throws KafkaOperationException naming binding, topic, change and bootstrap servers when a
     *     record was not acknowledged; the caller must not commit past these changes
     */
    @Override
    public List<PublishRefusal> publish(String binding, List<ChangeEvent> mapped) throws KafkaOperationException, InterruptedException {
        if (closed.get()) {
            throw new IllegalStateException("publisher is closed; cannot publish for binding '" + binding + "'");
        }
        if (mapped.isEmpty()) {
            return List.of();
        }
        // A two-way binding has a route per direction; a change goes to the system it did not come from.
        SystemSide target = mapped.get(0).origin().opposite();
        Route route = routes.get(routeKey(binding, target));
        if (route == null) {
            throw new IllegalArgumentException("no Kafka route for binding '" + binding + "' to the " + target.label()
                    + " system (routed: " + routes.values().stream().map(r -> r.route.binding() + " -> " + r.route.targetSide().label()).toList() + ")");
        }
        route.ensureSchemasPublished(schemaTopic);
        ChangeRecords outgoing = ChangeRecords.encode(route.route, route.codec, limit, originHeaders, mapped);
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
        return outgoing.refusals.isEmpty() ? List.of() : inCaptureOrder(mapped, outgoing.refusals);
    }

    private static String routeKey(String binding, SystemSide target) {
        return binding + '\u0000' + target.label();
    }

    /**
     * Waits for every acknowledgement, then reports the first failure, naming its change. A record
     * Kafka refuses as too large (a cluster whose limits are below {@code kafka.max-record-bytes})
     * refuses its change instead: sending it again would fail the same way.
     */
    private void awaitAll(Route route, ChangeRecords outgoing, List<Future<RecordMetadata>> acks)
            throws KafkaOperationException, InterruptedException {
        KafkaOperationException first = null;
        Set<ChangeEvent> refused = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
            } catch (ExecutionException e) {
                ChangeEvent change = outgoing.changes.get(i);
                if (isRecordRefusal(e.getCause())) {
                    if (refused.add(change)) {
                        outgoing.refusals.add(new PublishRefusal(change, PublishRefusal.PUBLISH, "binding '"
                                + route.route.binding() + "': Kafka at " + bootstrap + " refused the record of "
                                + change.describe() + " on topic " + route.route.topic() + ": " + e.getCause().getMessage()));
                    }
                } else if (first == null) {
                    first = failure(route, change, e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The one place that tells a record Kafka will never take from a failure of the broker or the connection. */
    private static boolean isRecordRefusal(Throwable cause) {
        return cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException;
    }

    /** The refusals in the order of their changes in {@code mapped}; a change refused at send time comes after those refused earlier otherwise. */
    private static List<PublishRefusal> inCaptureOrder(List<ChangeEvent> mapped, List<PublishRefusal> refusals) {
        Map<ChangeEvent, Integer> order = new IdentityHashMap<>();
        for (int i = 0; i < mapped.size(); i++) {
            order.put(mapped.get(i), i);
        }
        List<PublishRefusal> sorted = new ArrayList<>(refusals);
        sorted.sort(Comparator.comparingInt(r -> order.get(r.change())));
        return sorted;
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
