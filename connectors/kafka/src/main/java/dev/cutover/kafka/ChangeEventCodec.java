package dev.cutover.kafka;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.kafka.internal.RowConverter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;

/**
 * Encodes the changes of one change topic into Avro single-object encoding (a two-byte marker,
 * the CRC-64-AVRO fingerprint of the writer schema, then the binary datum) and decodes them back
 * into {@link ChangeEvent}s with canonical Java values.
 *
 * <p>Keys are {@link AvroSchemas#keySchema key records}, values {@link AvroSchemas#valueSchema
 * envelopes}. A round trip is exact: the decoded event equals the encoded one (decimals compare
 * by value; temporal values keep microseconds). Records written with another schema (an older or
 * newer version of the table) are decoded through Avro schema resolution when the
 * {@link SchemaStore} given at construction knows the writer schema.
 *
 * <p>All schema work happens at construction; encoding and decoding reuse Avro's datum writers and
 * readers. Thread-safe.
 */
public final class ChangeEventCodec {

    private static final GenericData MODEL = new GenericData();

    private final String topic;
    private final TableSchema table;
    private final String tableText;
    private final List<String> keyColumns;
    private final Schema keySchema;
    private final Schema valueSchema;
    private final Schema sourceSchema;
    private final RowConverter row;
    private final RowConverter key;
    private final GenericData.EnumSymbol[] operations;
    private final BinaryMessageEncoder<GenericRecord> keyEncoder;
    private final BinaryMessageEncoder<GenericRecord> valueEncoder;
    private final BinaryMessageDecoder<GenericRecord> keyDecoder;
    private final BinaryMessageDecoder<GenericRecord> valueDecoder;

    private ChangeEventCodec(String topic, TableSchema table, Schema keySchema, Schema valueSchema, SchemaStore writerSchemas) {
        this.topic = topic;
        this.table = table;
        this.tableText = table.table().toString();
        this.keyColumns = table.keyColumns();
        this.keySchema = keySchema;
        this.valueSchema = valueSchema;
        this.sourceSchema = valueSchema.getFields().get(AvroSchemas.SOURCE).schema();
        this.row = new RowConverter(AvroSchemas.rowSchemaOf(valueSchema), table.columns());
        this.key = new RowConverter(keySchema, keyDefs(table));
        Schema opSchema = valueSchema.getFields().get(AvroSchemas.OP).schema();
        this.operations = new GenericData.EnumSymbol[Operation.values().length];
        for (Operation op : Operation.values()) {
            operations[op.ordinal()] = new GenericData.EnumSymbol(opSchema, op.code());
        }
        // shouldCopy=false: the thread-local buffer is copied once, into the byte[] Kafka sends
        this.keyEncoder = new BinaryMessageEncoder<>(MODEL, keySchema, false);
        this.valueEncoder = new BinaryMessageEncoder<>(MODEL, valueSchema, false);
        this.keyDecoder = new BinaryMessageDecoder<>(MODEL, keySchema, writerSchemas);
        this.valueDecoder = new BinaryMessageDecoder<>(MODEL, valueSchema, writerSchemas);
    }

    /**
     * The codec of {@code route}'s topic, with the schemas {@link AvroSchemas} derives.
     *
     * @param writerSchemas where to look up writer schemas this codec does not know (e.g. a
     *     {@link SchemaTopicReader}); null when only this codec's own schemas occur
     */
    public static ChangeEventCodec forRoute(String bridge, BindingRoute route, SchemaStore writerSchemas) {
        TopicSchemas schemas = TopicSchemas.of(bridge, route);
        return new ChangeEventCodec(route.topic(), route.targetSchema(), schemas.key(), schemas.value(), writerSchemas);
    }

    /** {@link #forRoute(String, BindingRoute, SchemaStore)} without a schema store. */
    public static ChangeEventCodec forRoute(String bridge, BindingRoute route) {
        return forRoute(bridge, route, null);
    }

    /**
     * A codec for schemas read from somewhere else (the schemas topic or {@code .avsc} files), for a
     * reader that knows nothing of the table: the table is recovered from the schemas with
     * {@link AvroSchemas#tableSchema}.
     *
     * @param writerSchemas where to look up other writer schemas; may be null
     * @throws IllegalArgumentException when the schemas were not derived by {@link AvroSchemas}
     */
    public static ChangeEventCodec forSchemas(TopicSchemas schemas, SchemaStore writerSchemas) {
        TableSchema table = AvroSchemas.tableSchema(schemas.key(), schemas.value());
        return new ChangeEventCodec(schemas.topic(), table, schemas.key(), schemas.value(), writerSchemas);
    }

    /** The topic this codec serves. */
    public String topic() {
        return topic;
    }

    /** The table whose changes this codec carries. */
    public TableSchema tableSchema() {
        return table;
    }

    /** The schemas this codec writes. */
    public TopicSchemas schemas() {
        return new TopicSchemas(topic, keySchema, valueSchema);
    }

    /**
     * The record key of {@code event}: its key columns, single-object encoded.
     *
     * @throws ChangeCodecException when the event's key does not fit the key schema
     */
    public byte[] encodeKey(ChangeEvent event) {
        try {
            checkKey(event);
            return bytes(keyEncoder.encode(key.project(event.operation().hasAfterImage() ? event.after() : event.before())));
        } catch (IllegalArgumentException | IOException | AvroRuntimeException e) {
            throw new ChangeCodecException("cannot encode the key of " + event.describe() + " for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * The record value of {@code event}: its envelope, single-object encoded.
     *
     * @throws ChangeCodecException naming the column when an image does not fit the row schema
     *     (a column missing or extra, null in a NOT NULL column, a value of the wrong class or range)
     */
    public byte[] encodeValue(ChangeEvent event) {
        try {
            checkKey(event);
            GenericData.Record envelope = new GenericData.Record(valueSchema);
            envelope.put(AvroSchemas.OP, operations[event.operation().ordinal()]);
            envelope.put(AvroSchemas.BEFORE, before(event.before()));
            envelope.put(AvroSchemas.AFTER, event.after() == null ? null : row.toRecord(event.after()));
            envelope.put(AvroSchemas.SOURCE, source(event));
            return bytes(valueEncoder.encode(envelope));
        } catch (IllegalArgumentException | IOException | AvroRuntimeException e) {
            throw new ChangeCodecException("cannot encode " + event.describe() + " for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * The change a record value holds.
     *
     * @throws ChangeCodecException when the bytes are not a single-object encoded envelope, the
     *     writer schema is unknown, or a value does not fit its column
     * @throws SchemaLookupException when the writer schema store could not be reached (the record
     *     itself may be fine)
     */
    public ChangeEvent decode(byte[] value) {
        Objects.requireNonNull(value, "value (a tombstone has no change to decode)");
        try {
            GenericRecord envelope = valueDecoder.decode(value);
            Operation op = Operation.fromCode(envelope.get(AvroSchemas.OP).toString());
            RowImage before = image((GenericRecord) envelope.get(AvroSchemas.BEFORE));
            RowImage after = image((GenericRecord) envelope.get(AvroSchemas.AFTER));
            GenericRecord source = (GenericRecord) envelope.get(AvroSchemas.SOURCE);
            CharSequence txid = (CharSequence) source.get(5);
            return new ChangeEvent(side(source.get(0).toString()), tableId(source.get(1).toString()), op, keyColumns,
                    before, after, micros((Long) source.get(2)),
                    new SourcePosition(source.get(3).toString(), source.get(4).toString()),
                    txid == null ? null : txid.toString());
        } catch (SchemaLookupException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ChangeCodecException("cannot decode a record value of topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key columns a record key holds.
     *
     * @throws ChangeCodecException when the bytes are not a single-object encoded key
     */
    public RowImage decodeKey(byte[] keyBytes) {
        try {
            return key.toImage(keyDecoder.decode(keyBytes));
        } catch (SchemaLookupException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ChangeCodecException("cannot decode a record key of topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private void checkKey(ChangeEvent event) {
        if (!event.keyColumns().equals(keyColumns)) {
            throw new IllegalArgumentException("the change is keyed by " + event.keyColumns() + " but topic " + topic
                    + " is keyed by " + keyColumns);
        }
    }

    private GenericData.Record before(RowImage before) {
        if (before == null) {
            return null;
        }
        if (row.fits(before)) {
            return row.toRecord(before);
        }
        if (key.fits(before)) {
            return key.toRecord(before);
        }
        throw new IllegalArgumentException("before image has columns " + before.columns()
                + ": neither all columns of " + table.table() + " " + table.columnNames() + " nor only its key " + keyColumns);
    }

    private GenericData.Record source(ChangeEvent event) {
        GenericData.Record source = new GenericData.Record(sourceSchema);
        Instant commit = event.commitTime();
        source.put(0, event.origin().label());
        source.put(1, event.table().toString());
        source.put(2, Math.addExact(Math.multiplyExact(commit.getEpochSecond(), 1_000_000L), commit.getNano() / 1000));
        source.put(3, event.position().kind());
        source.put(4, event.position().value());
        source.put(5, event.transactionId());
        return source;
    }

    private RowImage image(GenericRecord record) {
        if (record == null) {
            return null;
        }
        return record.getSchema().getFullName().equals(row.schema().getFullName()) ? row.toImage(record) : key.toImage(record);
    }

    private TableId tableId(String text) {
        return text.equals(tableText) ? table.table() : TableId.parse(text, "");
    }

    private static SystemSide side(String label) {
        for (SystemSide side : SystemSide.values()) {
            if (side.label().equals(label)) {
                return side;
            }
        }
        throw new IllegalArgumentException("unknown system '" + label + "' (expected legacy or new)");
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    private static List<ColumnDef> keyDefs(TableSchema table) {
        List<ColumnDef> defs = new ArrayList<>();
        for (String k : table.keyColumns()) {
            defs.add(table.column(k).orElseThrow());
        }
        return defs;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
