package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.data.Envelope;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** The echo filter on binlog records: a transaction is the binlog position it began at, which its rows' offsets name until its commit. */
class BinlogEchoFilterTest {

    private static final Schema ROW = SchemaBuilder.struct().optional().field("bridge", Schema.OPTIONAL_STRING_SCHEMA)
            .field("id", Schema.OPTIONAL_INT32_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).field("after", ROW)
            .field("source", SchemaBuilder.struct().optional().field("db", Schema.OPTIONAL_STRING_SCHEMA).build()).build();

    private final EchoFilter filter = new EchoFilter("shop", TransactionScheme.BINLOG);

    @Test
    void rowsOfTheMarkedTransactionAreEchoesAndItsPositionsAreHeldBackUntilItsCommit() {
        filter.onMarker(marker("shop"), offset(400, 1, 1));

        assertThat(filter.isEcho(row("c"), offset(400, 3, 1))).isTrue();
        assertThat(filter.holdsBack(offset(400, 3, 1))).as("a restart from here would skip the marker").isTrue();
        assertThat(filter.holdsBack(offset(900, 0, 0))).as("past the commit").isFalse();
        assertThat(filter.isEcho(row("c"), offset(900, 2, 1))).as("the next transaction").isFalse();
        assertThat(filter.holdsBack(offset(400, 3, 1))).as("suppression ended").isFalse();
        assertThat(filter.skipped()).isEqualTo(1);
    }

    @Test
    void markersOfOtherBridgesAndLoadedRowsSuppressNothing() {
        filter.onMarker(marker("other"), offset(400, 1, 1));
        assertThat(filter.isEcho(row("c"), offset(400, 2, 1))).isFalse();

        filter.onMarker(marker("shop"), offset(500, 1, 1));
        assertThat(filter.isEcho(row("r"), offset(500, 2, 1))).as("a row read by a load").isFalse();
        assertThat(filter.isEcho(row("u"), Map.of("file", "mariadb-bin.000002", "pos", 500L))).as("same position, other file").isFalse();
    }

    private static Map<String, Object> offset(long pos, long event, int row) {
        return Map.of("file", "mariadb-bin.000001", "pos", pos, "event", event, "row", row);
    }

    private static Struct marker(String bridge) {
        return envelope("u", new Struct(ROW).put("bridge", bridge));
    }

    private static Struct row(String op) {
        return envelope(op, new Struct(ROW).put("id", 1));
    }

    private static Struct envelope(String op, Struct after) {
        return new Struct(ENVELOPE).put(Envelope.FieldName.OPERATION, op).put(Envelope.FieldName.AFTER, after)
                .put(Envelope.FieldName.SOURCE, new Struct(ENVELOPE.field("source").schema()).put("db", "shop"));
    }
}
