package dev.cutover.kafka;

import dev.cutover.core.deadletter.DeadLetterEntry;
import dev.cutover.core.deadletter.DeadLetterStore;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.kafka.internal.DeadLetterLogDocument;
import dev.cutover.kafka.internal.DeadLetterDocument;
import dev.cutover.kafka.internal.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Parks changes (and undecodable records) on {@code <bridge>._deadletter} as JSON documents
 * (see {@link DeadLetterDocument} for the fields), keyed by binding, with headers
 * {@value #BINDING_HEADER} and {@value #STAGE_HEADER}. Every call waits for the acknowledgement.
 * As a {@link DeadLetterStore} it stores the entries of the dead-letter log (see
 * {@link DeadLetterLogDocument}): dead letters with their exact change, changes held behind them,
 * closings and releases, keyed by dead-letter id.
 *
 * <p>A dead letter always fits the {@link RecordSizeLimit}: when a change's whole document would
 * not, the images are left out (their column sizes stay), then the key's values if need be, and
 * the reason says so; a raw record keeps its sizes instead of its bytes. A change is never refused
 * for its size here, so a too-large row cannot stop the bridge.
 *
 * <p>Dead letters carry row values: whoever may read the topic may read the rows.
 *
 * <p>Thread-safe. {@link #close} releases the producer; idempotent.
 */
public final class KafkaDeadLetterSink implements RecordDeadLetterSink, DeadLetterStore, AutoCloseable {

    /** Header naming the binding. */
    public static final String BINDING_HEADER = "cutover.binding";
    /** Header naming the stage that failed. */
    public static final String STAGE_HEADER = "cutover.stage";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final String bridge;
    private final String topic;
    private final String bootstrap;
    private final Clock clock;
    private final RecordSizeLimit limit;
    private final Producer<byte[], byte[]> producer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param bridge the bridge name; the topic is {@link TopicNames#deadLetters}
     * @param clientProperties {@code bootstrap.servers} and any TLS/SASL settings
     */
    public KafkaDeadLetterSink(String bridge, Map<String, String> clientProperties) {
        this(bridge, clientProperties, Clock.systemUTC());
    }

    /** As above, with the clock that stamps {@code parked_at}. */
    public KafkaDeadLetterSink(String bridge, Map<String, String> clientProperties, Clock clock) {
        this(bridge, clientProperties, clock, RecordSizeLimit.DEFAULT);
    }

    /** As above, parking documents up to {@code limit}. */
    public KafkaDeadLetterSink(String bridge, Map<String, String> clientProperties, Clock clock, RecordSizeLimit limit) {
        this.bridge = bridge;
        this.topic = TopicNames.deadLetters(bridge);
        this.bootstrap = KafkaClients.bootstrap(clientProperties);
        this.clock = clock;
        this.limit = limit;
        this.producer = new KafkaProducer<>(KafkaClients.orderedProducer(clientProperties, "cutover-" + bridge + "-deadletter", limit));
    }

    /** The topic dead letters go to. */
    public String topic() {
        return topic;
    }

    /**
     * @throws KafkaOperationException naming binding, change, topic and bootstrap when Kafka did not acknowledge
     */
    @Override
    public void park(String binding, String stage, ChangeEvent change, String reason) throws KafkaOperationException, InterruptedException {
        send(binding, stage, summary(binding, stage, change, reason, clock.instant()), change.describe());
    }

    /** The {@link DeadLetterDocument} of a change, with as much of it as fits. */
    private byte[] summary(String binding, String stage, ChangeEvent change, String reason, Instant now) {
        byte[] document = DeadLetterDocument.ofChange(bridge, binding, stage, change, reason, now);
        for (DeadLetterDocument.Detail less : List.of(DeadLetterDocument.Detail.WITHOUT_IMAGES, DeadLetterDocument.Detail.SIZES_ONLY)) {
            if (fits(binding, stage, document)) {
                break;
            }
            document = DeadLetterDocument.ofChange(bridge, binding, stage, change, reason + " [" + leftOut(less, document.length)
                    + "]", now, less);
        }
        return document;
    }

    /**
     * Stores a dead-letter log entry; a dead letter whose whole document would not fit is stored
     * as a summary (see {@link #park}) that can be listed and discarded but not replayed.
     *
     * @throws KafkaOperationException when Kafka did not acknowledge, or a held change does not fit
     */
    @Override
    public void store(DeadLetterEntry entry) throws KafkaOperationException, InterruptedException {
        byte[] document = DeadLetterLogDocument.encode(bridge, entry);
        String stage = entry instanceof DeadLetterEntry.DeadLetter d ? d.stage() : DeadLetterLogDocument.typeOf(entry);
        String what = "dead-letter log entry " + stage + " of " + entry.deadLetterId();
        if (entry instanceof DeadLetterEntry.DeadLetter d && d.change() != null && !fits(d.binding(), stage, document)) {
            document = DeadLetterLogDocument.encodeSummary(d, summary(d.binding(), stage, d.change(), d.reason(), d.parkedAt()));
        }
        if (!fits(entry.deadLetterId(), stage, document)) {
            throw failure(entry.deadLetterId(), what, "its document of " + document.length + " bytes is larger than"
                    + " kafka.max-record-bytes (" + limit.maxRecordBytes() + " bytes)", null);
        }
        String binding = entry instanceof DeadLetterEntry.DeadLetter d ? d.binding() : entry.deadLetterId();
        send(binding, stage, document, what);
    }

    private String leftOut(DeadLetterDocument.Detail detail, int wholeBytes) {
        return (detail == DeadLetterDocument.Detail.WITHOUT_IMAGES ? "the row images were" : "the row images and key values were")
                + " left out of this dead letter, which would have been " + wholeBytes + " bytes, more than kafka.max-record-bytes ("
                + limit.maxRecordBytes() + " bytes); column_sizes gives the size of each value";
    }

    private boolean fits(String binding, String stage, byte[] document) {
        long headers = BINDING_HEADER.length() + binding.length() + STAGE_HEADER.length() + stage.length();
        return limit.fits(binding.length() + headers + document.length);
    }

    /**
     * @throws KafkaOperationException naming binding, record, topic and bootstrap when Kafka did not acknowledge
     */
    @Override
    public void parkRecord(String binding, String stage, ConsumerRecord<byte[], byte[]> record, String reason)
            throws KafkaOperationException, InterruptedException {
        parkRecordAt(binding, stage, record, reason);
    }

    /**
     * As {@link #parkRecord}, returning where the dead letter was stored as {@code p<partition>-<offset>},
     * the id {@link DeadLetterLogReader} gives it when reading the log back.
     */
    public String parkRecordAt(String binding, String stage, ConsumerRecord<byte[], byte[]> record, String reason)
            throws KafkaOperationException, InterruptedException {
        Instant now = clock.instant();
        byte[] document = DeadLetterDocument.ofRecord(bridge, binding, stage, record, reason, now);
        if (!fits(binding, stage, document)) {
            document = DeadLetterDocument.ofRecord(bridge, binding, stage, record, reason + " [the record's key and value"
                    + " were left out of this dead letter, which would have been " + document.length
                    + " bytes, more than kafka.max-record-bytes (" + limit.maxRecordBytes() + " bytes)]", now, false);
        }
        RecordMetadata stored = send(binding, stage, document, "record " + record.topic() + "-" + record.partition() + "@" + record.offset());
        return "p" + stored.partition() + "-" + stored.offset();
    }

    private RecordMetadata send(String binding, String stage, byte[] document, String what)
            throws KafkaOperationException, InterruptedException {
        RecordHeaders headers = new RecordHeaders(new Header[] {
            new RecordHeader(BINDING_HEADER, binding.getBytes(StandardCharsets.UTF_8)),
            new RecordHeader(STAGE_HEADER, stage.getBytes(StandardCharsets.UTF_8))});
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, null,
                binding.getBytes(StandardCharsets.UTF_8), document, headers);
        try {
            return producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(binding, what, e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw failure(binding, what, "no acknowledgement within " + SEND_TIMEOUT.toSeconds() + " s", e);
        } catch (KafkaException e) {
            throw failure(binding, what, e.getMessage(), e);
        }
    }

    private KafkaOperationException failure(String binding, String what, String message, Throwable cause) {
        return new KafkaOperationException("binding '" + binding + "': could not park " + what + " on " + topic
                + " at " + bootstrap + ": " + message, cause);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
