package dev.cutover.kafka;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A small table, its changes, and a fresh bridge on the shared test broker, for the integration tests. */
final class Items {

    static final TableId TABLE = new TableId("public", "items");
    static final TableSchema SCHEMA = new TableSchema(TABLE, List.of(
            ColumnDef.of("id", ColumnType.INT64, "bigint", false),
            ColumnDef.of("name", ColumnType.STRING, "text", true),
            ColumnDef.of("version", ColumnType.INT32, "integer", false)), List.of("id"));

    final String bridge = "it-" + UUID.randomUUID().toString().substring(0, 8);
    final BindingRoute route = BindingRoute.of(bridge, "items", SCHEMA, SystemSide.NEW);
    final Map<String, String> client = TestKafka.clientProperties();
    private long lsn;

    /** Creates this bridge's topics with {@code partitions} partitions per change topic. */
    Items withTopics(int partitions) throws Exception {
        try (KafkaTopicAdmin admin = new KafkaTopicAdmin(client)) {
            admin.ensureTopics(bridge, List.of(route), new TopicSettings(partitions, (short) 1));
        }
        return this;
    }

    static RowImage row(long id, String name, int version) {
        return RowImage.builder().put("id", id).put("name", name).put("version", version).build();
    }

    ChangeEvent create(long id, int version) {
        return ChangeEvent.create(SystemSide.LEGACY, TABLE, List.of("id"), row(id, "item " + id, version), now(), next(), "tx" + lsn);
    }

    ChangeEvent update(long id, int version) {
        return ChangeEvent.update(SystemSide.LEGACY, TABLE, List.of("id"), row(id, "item " + id, version - 1),
                row(id, "item " + id, version), now(), next(), "tx" + lsn);
    }

    ChangeEvent delete(long id) {
        return ChangeEvent.delete(SystemSide.LEGACY, TABLE, List.of("id"), RowImage.builder().put("id", id).build(), now(), next(), null);
    }

    private SourcePosition next() {
        lsn++;
        return new SourcePosition("lsn", "0/" + Long.toHexString(lsn));
    }

    private static Instant now() {
        // microsecond precision, as the topics carry it
        return Instant.ofEpochSecond(0, (System.currentTimeMillis() * 1000 + 123) * 1000);
    }
}
