package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.jdbc.postgres.ReplicationOrigins;
import io.debezium.data.Envelope;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** The echo filter on PostgreSQL changes written under a replication origin: the bridge's own origins are echoes, no other. */
class OriginEchoFilterTest {

    private static final Schema SOURCE = SchemaBuilder.struct().optional().field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .field("origin", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).field("source", SOURCE).build();

    private final EchoFilter filter = new EchoFilter("shop");

    @Test
    void changesWrittenUnderAnyOfTheBridgesOriginsAreEchoesWithoutAMarker() {
        for (String origin : ReplicationOrigins.names("shop")) {
            assertThat(filter.isEcho(change("u", 7, origin), Map.of("txId", 7L))).as(origin).isTrue();
        }
        assertThat(filter.skipped()).isEqualTo(ReplicationOrigins.SESSIONS);
        assertThat(filter.holdsBack(Map.of("txId", 7L))).as("nothing to resume inside: each change carries its origin").isFalse();
    }

    @Test
    void otherOriginsNoOriginAndLoadedRowsAreNotEchoes() {
        assertThat(filter.isEcho(change("c", 8, null), Map.of())).isFalse();
        assertThat(filter.isEcho(change("c", 8, "pg_16384"), Map.of())).as("a subscription's origin").isFalse();
        assertThat(filter.isEcho(change("c", 8, "cutover_shop_0_0"), Map.of())).as("an origin of bridge shop_0").isFalse();
        assertThat(filter.isEcho(change("r", 8, "cutover_shop_0"), Map.of())).as("a row read by a load").isFalse();
        assertThat(EchoFilter.off().isEcho(change("c", 8, "cutover_shop_0"), Map.of())).as("suppression off").isFalse();
        assertThat(filter.skipped()).isZero();
    }

    private static Struct change(String op, long tx, String origin) {
        return new Struct(ENVELOPE).put(Envelope.FieldName.OPERATION, op)
                .put(Envelope.FieldName.SOURCE, new Struct(SOURCE).put("txId", tx).put("origin", origin));
    }
}
