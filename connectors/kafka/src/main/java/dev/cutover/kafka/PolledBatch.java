package dev.cutover.kafka;

import dev.cutover.core.event.ChangeEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One poll's records, decoded: the changes in partition order (each partition's records in offset
 * order, so per-key order holds), the records that could not be decoded, and the offsets to seek
 * back to or to commit. Tombstones are skipped: they are compaction markers, and the delete
 * record before each carries the change.
 *
 * <p>Not thread-safe; lives on the apply loop's thread.
 */
final class PolledBatch {

    /** A topic's binding and codec. */
    record TopicRoute(String binding, ChangeEventCodec codec) {
    }

    /** A record that could not be decoded, with its binding and why. */
    record Undecodable(String binding, ConsumerRecord<byte[], byte[]> record, String reason) {
    }

    private final List<ChangeEvent> changes = new ArrayList<>();
    private final Map<ChangeEvent, String> bindings = new IdentityHashMap<>();
    private final List<Undecodable> undecodable = new ArrayList<>();
    private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> nextOffsets = new HashMap<>();

    private PolledBatch() {
    }

    /**
     * Decodes {@code records}.
     *
     * @throws SchemaLookupException when a writer schema could not be looked up; nothing of the
     *     batch may be taken as decoded then
     */
    static PolledBatch decode(ConsumerRecords<byte[], byte[]> records, Map<String, TopicRoute> routes) {
        PolledBatch batch = new PolledBatch();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> partitionRecords = records.records(partition);
            batch.firstOffsets.put(partition, partitionRecords.get(0).offset());
            batch.nextOffsets.put(partition, new OffsetAndMetadata(partitionRecords.get(partitionRecords.size() - 1).offset() + 1));
            TopicRoute route = routes.get(partition.topic());
            for (ConsumerRecord<byte[], byte[]> record : partitionRecords) {
                batch.add(route, record);
            }
        }
        return batch;
    }

    private void add(TopicRoute route, ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            ChangeEvent change = route.codec().decode(record.value());
            changes.add(change);
            bindings.put(change, route.binding());
        } catch (ChangeCodecException e) {
            undecodable.add(new Undecodable(route.binding(), record, e.getMessage()
                    + " (record " + record.topic() + "-" + record.partition() + "@" + record.offset() + ")"));
        }
    }

    /** The decoded changes, in partition order. */
    List<ChangeEvent> changes() {
        return changes;
    }

    /** The binding {@code change} (one of {@link #changes}, by identity) belongs to, or null. */
    String bindingOf(ChangeEvent change) {
        return bindings.get(change);
    }

    /** The decoded changes grouped by binding, bindings in order of their first change, each binding's in partition order. */
    Map<String, List<ChangeEvent>> changesByBinding() {
        Map<String, List<ChangeEvent>> byBinding = new LinkedHashMap<>();
        changes.forEach(change -> byBinding.computeIfAbsent(bindings.get(change), b -> new ArrayList<>()).add(change));
        return byBinding;
    }

    List<Undecodable> undecodable() {
        return undecodable;
    }

    /** The first offset of each partition in the batch: where to seek back to for a retry. */
    Map<TopicPartition, Long> firstOffsets() {
        return firstOffsets;
    }

    /** The offset after the last record of each partition: what to commit once the batch is applied. */
    Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
        return nextOffsets;
    }
}
