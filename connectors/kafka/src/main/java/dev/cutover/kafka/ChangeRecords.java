package dev.cutover.kafka;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.pipeline.spi.PublishRefusal;
import dev.cutover.kafka.internal.ColumnSizes;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The records of one publish call, each with the change it carries (a tombstone: its delete), and
 * the changes refused before anything is sent: those the codec cannot encode (stage
 * {@value PublishRefusal#ENCODE}) and those with a record larger than the {@link RecordSizeLimit}
 * (stage {@value PublishRefusal#PUBLISH}). A refused change sends no record at all, so a delete is
 * never sent without its tombstone or the other way round.
 *
 * <p>Not thread-safe; one instance per publish call.
 */
final class ChangeRecords {

    /** How many of a too-large change's largest values its reason names. */
    private static final int LARGEST_NAMED = 3;

    final List<ProducerRecord<byte[], byte[]>> records;
    final List<ChangeEvent> changes;
    final List<PublishRefusal> refusals = new ArrayList<>();

    private ChangeRecords(int capacity) {
        records = new ArrayList<>(capacity);
        changes = new ArrayList<>(capacity);
    }

    /**
     * Encodes {@code mapped} for {@code route}'s topic.
     *
     * @param origins the origin header of each {@link dev.cutover.core.event.SystemSide}, by ordinal
     */
    static ChangeRecords encode(BindingRoute route, ChangeEventCodec codec, RecordSizeLimit limit, Header[] origins,
            List<ChangeEvent> mapped) {
        ChangeRecords out = new ChangeRecords(mapped.size() + 8);
        for (ChangeEvent event : mapped) {
            byte[] key;
            byte[] value;
            try {
                key = codec.encodeKey(event);
                value = codec.encodeValue(event);
            } catch (ChangeCodecException e) {
                out.refusals.add(new PublishRefusal(event, PublishRefusal.ENCODE, e.getMessage()));
                continue;
            }
            Header origin = origins[event.origin().ordinal()];
            long size = (long) key.length + value.length + origin.key().length() + origin.value().length;
            if (!limit.fits(size)) {
                out.refusals.add(new PublishRefusal(event, PublishRefusal.PUBLISH, tooLarge(route, event, size, limit)));
                continue;
            }
            out.add(new ProducerRecord<>(route.topic(), null, null, key, value, new RecordHeaders(new Header[] {origin})), event);
            if (event.operation() == Operation.DELETE) {
                out.add(new ProducerRecord<>(route.topic(), null, null, key, null, new RecordHeaders(new Header[] {origin})), event);
            }
        }
        return out;
    }

    private void add(ProducerRecord<byte[], byte[]> record, ChangeEvent change) {
        records.add(record);
        changes.add(change);
    }

    private static String tooLarge(BindingRoute route, ChangeEvent event, long size, RecordSizeLimit limit) {
        return "binding '" + route.binding() + "': the record of " + event.describe() + " on topic " + route.topic()
                + " is " + size + " bytes, more than kafka.max-record-bytes (" + limit.maxRecordBytes()
                + " bytes); largest values: " + ColumnSizes.largest(event, LARGEST_NAMED);
    }
}
