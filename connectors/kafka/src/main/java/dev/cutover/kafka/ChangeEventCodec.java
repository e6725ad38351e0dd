package dev.cutover.kafka;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.kafka.internal.PartialRowConverter;
import dev.cutover.kafka.internal.RowConverter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
 * <p>Every image holds all columns of the table, with one exception: an update's after image may
 * lack non-key columns the source did not log (PostgreSQL's unchanged TOASTed values). Such a
 * column is "unchanged, value unknown", not null; it travels as a partial row with the column
 * named in the envelope's {@code absent}, and decodes to an after image that lacks it again. A
 * full image pays nothing for this.
 *
 * <p>All schema work happens at construction; encoding and decoding reuse Avro's datum writers and
 * readers. Thread-safe.
 */
public final class ChangeEventCodec {

    private static final GenericData MODEL = new GenericData();

    private static final List<String> NO_FIELDS = List.of();

    private final String topic;
    /** Who the codec serves, for messages: the binding and topic, or the topic alone. */
    private final String owner;
    private final TableSchema table;
    private final String tableText;
    private final List<String> keyColumns;
    private final Schema keySchema;
    private final Schema valueSchema;
    private final Schema sourceSchema;
    private final RowConverter row;
    private final String rowName;
    /** Null when the value schema predates partial after images. */
    private final PartialRowConverter partial;
    private final String partialName;
    private final RowConverter key;
    private final int opPos;
    private final int beforePos;
    private final int afterPos;
    /** -1 when the value schema predates partial after images. */
    private final int absentPos;
    private final int sourcePos;
    private final GenericData.EnumSymbol[] operations;
    private final BinaryMessageEncoder<GenericRecord> keyEncoder;
    private final BinaryMessageEncoder<GenericRecord> valueEncoder;
    private final BinaryMessageDecoder<GenericRecord> keyDecoder;
    private final BinaryMessageDecoder<GenericRecord> valueDecoder;

    private ChangeEventCodec(String topic, String binding, TableSchema table, Schema keySchema, Schema valueSchema,
            SchemaStore writerSchemas) {
        this.topic = topic;
        this.owner = binding == null ? "topic " + topic : "binding '" + binding + "' (topic " + topic + ")";
        this.table = table;
        this.tableText = table.table().toString();
        this.keyColumns = table.keyColumns();
        this.keySchema = keySchema;
        this.valueSchema = valueSchema;
        this.opPos = position(valueSchema, AvroSchemas.OP);
        this.beforePos = position(valueSchema, AvroSchemas.BEFORE);
        this.afterPos = position(valueSchema, AvroSchemas.AFTER);
        this.sourcePos = position(valueSchema, AvroSchemas.SOURCE);
        Schema.Field absentField = valueSchema.getField(AvroSchemas.ABSENT);
        this.absentPos = absentField == null ? -1 : absentField.pos();
        this.sourceSchema = valueSchema.getFields().get(sourcePos).schema();
        this.row = new RowConverter(AvroSchemas.rowSchemaOf(valueSchema), table.columns());
        this.rowName = row.schema().getFullName();
        this.partial = AvroSchemas.partialRowSchemaOf(valueSchema)
                .map(schema -> new PartialRowConverter(schema, table.columns(), keyColumns))
                .orElse(null);
        this.partialName = partial == null ? null : partial.schema().getFullName();
        if ((partial == null) != (absentField == null)) {
            throw new IllegalArgumentException("envelope " + valueSchema.getFullName() + " has " + (partial == null
                    ? "the field 'absent' but no partial after record" : "a partial after record but no field 'absent'")
                    + ": not a Cutover envelope");
        }
        this.key = new RowConverter(keySchema, keyDefs(table));
        Schema opSchema = valueSchema.getFields().get(opPos).schema();
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
        return new ChangeEventCodec(route.topic(), route.binding(), route.targetSchema(), schemas.key(), schemas.value(),
                writerSchemas);
    }

    /** {@link #forRoute(String, BindingRoute, SchemaStore)} without a schema store. */
    public static ChangeEventCodec forRoute(String bridge, BindingRoute route) {
        return forRoute(bridge, route, null);
    }

    /**
     * A codec for schemas read from somewhere else (the schemas topic or {@code .avsc} files), for a
     * reader that knows nothing of the table: the table is recovered from the schemas with
     * {@link AvroSchemas#tableSchema}. The value schema may be one written before partial after
     * images existed (no {@code absent}); the codec then decodes as usual but cannot encode a
     * partial after image.
     *
     * @param writerSchemas where to look up other writer schemas; may be null
     * @throws IllegalArgumentException when the schemas were not derived by {@link AvroSchemas}
     */
    public static ChangeEventCodec forSchemas(TopicSchemas schemas, SchemaStore writerSchemas) {
        TableSchema table = AvroSchemas.tableSchema(schemas.key(), schemas.value());
        return new ChangeEventCodec(schemas.topic(), null, table, schemas.key(), schemas.value(), writerSchemas);
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
            throw new ChangeCodecException("cannot encode the key of " + event.describe() + " for " + owner + ": " + e.getMessage(), e);
        }
    }

    /**
     * The record value of {@code event}: its envelope, single-object encoded. An update's after
     * image may lack non-key columns (see the class comment); every other image holds all columns.
     *
     * @throws ChangeCodecException naming the column when an image does not fit the row schema (a
     *     column extra, or missing from an image other than an update's after image; null in a
     *     NOT NULL column; a value of the wrong class or range)
     */
    public byte[] encodeValue(ChangeEvent event) {
        try {
            checkKey(event);
            GenericData.Record envelope = new GenericData.Record(valueSchema);
            envelope.put(opPos, operations[event.operation().ordinal()]);
            envelope.put(beforePos, before(event.before()));
            putAfter(envelope, event);
            envelope.put(sourcePos, source(event));
            return bytes(valueEncoder.encode(envelope));
        } catch (IllegalArgumentException | IOException | AvroRuntimeException e) {
            throw new ChangeCodecException("cannot encode " + event.describe() + " for " + owner + ": " + e.getMessage(), e);
        }
    }

    /**
     * The change a record value holds.
     *
     * @throws ChangeCodecException when the bytes are not a single-object encoded envelope, the
     *     writer schema is unknown, a value does not fit its column, or {@code absent} contradicts
     *     the after image (names a key column or a slot with a value, accompanies a full row or a
     *     partial row of an operation other than update)
     * @throws SchemaLookupException when the writer schema store could not be reached (the record
     *     itself may be fine)
     */
    public ChangeEvent decode(byte[] value) {
        Objects.requireNonNull(value, "value (a tombstone has no change to decode)");
        try {
            GenericRecord envelope = valueDecoder.decode(value);
            Operation op = Operation.fromCode(envelope.get(opPos).toString());
            RowImage before = image((GenericRecord) envelope.get(beforePos));
            RowImage after = after(envelope, op);
            GenericRecord source = (GenericRecord) envelope.get(sourcePos);
            CharSequence txid = (CharSequence) source.get(5);
            return new ChangeEvent(side(source.get(0).toString()), tableId(source.get(1).toString()), op, keyColumns,
                    before, after, micros((Long) source.get(2)),
                    new SourcePosition(source.get(3).toString(), source.get(4).toString()),
                    txid == null ? null : txid.toString());
        } catch (SchemaLookupException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ChangeCodecException("cannot decode a record value of " + owner + ": " + e.getMessage(), e);
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
            throw new ChangeCodecException("cannot decode a record key of " + owner + ": " + e.getMessage(), e);
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

    /** Puts the after image and the absent fields; a full image (or none) takes the first branch, at no extra cost. */
    private void putAfter(GenericData.Record envelope, ChangeEvent event) {
        RowImage after = event.after();
        if (after == null || after.size() >= row.size()) {
            envelope.put(afterPos, after == null ? null : row.toRecord(after));
            if (absentPos >= 0) {
                envelope.put(absentPos, NO_FIELDS);
            }
            return;
        }
        if (event.operation() != Operation.UPDATE) {
            throw new IllegalArgumentException("the after image lacks columns " + row.missingColumns(after)
                    + "; only an UPDATE's after image may leave columns out (PostgreSQL does for unchanged TOASTed values)");
        }
        if (partial == null) {
            throw new IllegalArgumentException("the after image lacks columns " + row.missingColumns(after)
                    + " but the value schema " + valueSchema.getFullName() + " predates partial after images (no field 'absent')");
        }
        PartialRowConverter.Partial p = partial.toRecord(after);
        envelope.put(afterPos, p.record());
        envelope.put(absentPos, p.absentFields());
    }

    private RowImage after(GenericRecord envelope, Operation op) {
        GenericRecord record = (GenericRecord) envelope.get(afterPos);
        Collection<? extends CharSequence> absent = absentPos < 0 ? NO_FIELDS : absentFields(envelope.get(absentPos));
        if (record != null && record.getSchema().getFullName().equals(partialName)) {
            if (op != Operation.UPDATE) {
                throw new IllegalArgumentException("a " + op + " of " + tableText + " carries a partial after image; only an UPDATE may");
            }
            return partial.toImage(record, absent);
        }
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("absent names " + absent + " but the after image is "
                    + (record == null ? "null" : "a full row"));
        }
        return record == null ? null : row.toImage(record);
    }

    @SuppressWarnings("unchecked")
    private static Collection<? extends CharSequence> absentFields(Object array) {
        return (Collection<? extends CharSequence>) array;
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
        return record.getSchema().getFullName().equals(rowName) ? row.toImage(record) : key.toImage(record);
    }

    private TableId tableId(String text) {
        return text.equals(tableText) ? table.table() : TableId.parse(text, "");
    }

    private static int position(Schema envelope, String field) {
        Schema.Field f = envelope.getField(field);
        if (f == null) {
            throw new IllegalArgumentException("record " + envelope.getFullName() + " has no field '" + field
                    + "': not a Cutover envelope");
        }
        return f.pos();
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
