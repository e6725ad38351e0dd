package dev.cutover.kafka;

import dev.cutover.core.event.Operation;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.kafka.internal.AvroNames;
import dev.cutover.kafka.internal.AvroTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Derives the Avro schemas of a change topic from the target table's {@link TableSchema}, and
 * recovers the table from those schemas.
 *
 * <p>Record key: {@code <table>_key}, a record of the key columns. Record value:
 * {@code <table>_envelope} with
 * <ul>
 *   <li>{@code op}: enum {@code dev.cutover.Operation} {@code c} (create), {@code u} (update),
 *       {@code d} (delete), {@code r} (snapshot read);
 *   <li>{@code before}: null when the source logged no before image, a {@code <table>_row} of
 *       all columns, or the {@code <table>_key} record when the source logged only the key
 *       (PostgreSQL deletes under {@code REPLICA IDENTITY DEFAULT});
 *   <li>{@code after}: null for deletes; otherwise a {@code <table>_row}, or, for an update whose
 *       source left columns out, a {@code <table>_partial} (see below);
 *   <li>{@code absent}: the {@code after} fields whose columns the source did not log, by Avro
 *       field name; empty (the default) unless {@code after} is a {@code <table>_partial};
 *   <li>{@code source}: record {@code dev.cutover.Source} with {@code system} (legacy/new, where
 *       the change happened), {@code table} (target table), {@code commit_ts} (source commit,
 *       timestamp-micros), {@code position_kind}, {@code position} and {@code txid} (nullable).
 * </ul>
 * Row and key records are in namespace {@code dev.cutover.<bridge>.<side>}; a nullable column is
 * a union of null and its type with default null. Column types map as {@link AvroTypes} lists;
 * DECIMAL and temporal fields also take the enum {@code dev.cutover.SpecialValue} for
 * PostgreSQL's infinities and NaN.
 *
 * <p><b>Partial after images.</b> PostgreSQL does not log an unchanged TOASTed value (large text,
 * bytea, json) of an updated row under {@code REPLICA IDENTITY DEFAULT}; the capture leaves such
 * a column out of the after image, meaning "unchanged, value unknown", which is not null. Such an
 * image travels as {@code <table>_partial}: the same fields as {@code <table>_row}, in the same
 * order and with the same names, but every non-key field is a union with null (default null);
 * key fields stay as they are, since the key is always logged. Each column left out is named in
 * {@code absent} and its slot holds null; a null slot not named in {@code absent} is a real null.
 * Only updates carry partial images. Full images keep the strict {@code <table>_row}, so a
 * consumer that sees {@code <table>_row} may rely on its NOT NULL fields, and {@code absent} is
 * empty for it. Both additions are schema evolution with defaults: readers of the earlier
 * envelope (without {@code absent} and {@code <table>_partial}) still read every full image, and
 * records written with that envelope read here with {@code absent} empty.
 * Names that are not valid Avro names are sanitised ({@link AvroNames}); the field then records
 * the column's real name in the property {@value #COLUMN_PROPERTY}. Row and key records carry
 * the target table in {@value #SCHEMA_PROPERTY} and {@value #TABLE_PROPERTY}.
 *
 * <p>Note that Avro's schema fingerprint (CRC-64-AVRO of the parsing canonical form) ignores
 * logical types and properties: two schemas that differ only there (a column changed from
 * {@code smallint} to {@code integer}) share a fingerprint.
 *
 * <p>Stateless and thread-safe; every call builds new schemas.
 */
public final class AvroSchemas {

    /** Field property holding the column's real name when the field name had to be sanitised. */
    public static final String COLUMN_PROPERTY = "cutover.column";
    /** Record property holding the target table's schema (or database) name. */
    public static final String SCHEMA_PROPERTY = "cutover.schema";
    /** Record property holding the target table's name. */
    public static final String TABLE_PROPERTY = "cutover.table";

    /** Envelope field: the operation. */
    static final String OP = "op";
    /** Envelope field: the before image. */
    static final String BEFORE = "before";
    /** Envelope field: the after image. */
    static final String AFTER = "after";
    /** Envelope field: the after-image fields left out by the source. */
    static final String ABSENT = "absent";
    /** Envelope field: where and when the change happened. */
    static final String SOURCE = "source";

    private static final String ROW_SUFFIX = "_row";
    private static final String KEY_SUFFIX = "_key";
    // not "_partial_row": table "t"'s partial record must never share a name with table "t_partial"'s row
    private static final String PARTIAL_SUFFIX = "_partial";

    private static final String COMMON_NAMESPACE = "dev.cutover";
    private static final Schema OPERATION_SCHEMA = Schema.createEnum("Operation", "c: create, u: update, d: delete, r: snapshot read",
            COMMON_NAMESPACE, Arrays.stream(Operation.values()).map(Operation::code).toList());

    private static final String PARTIAL_DOC = "an update's after image in which the source left columns out (PostgreSQL:"
            + " unchanged TOASTed values). The envelope's absent names them; their slots hold null. Every non-key field"
            + " accepts null for that reason: a NOT NULL column's slot is null only when the column is absent";

    private AvroSchemas() {
    }

    /** The namespace of a bridge's records bound for {@code side}: {@code dev.cutover.<bridge>.<side>}. */
    public static String namespace(String bridge, SystemSide side) {
        return AvroNames.namespace(COMMON_NAMESPACE, bridge, side.label());
    }

    /** The schema of record keys: a record of {@code table}'s key columns, in key order. */
    public static Schema keySchema(String bridge, SystemSide side, TableSchema table) {
        return keyRecord(bridge, side, table);
    }

    /** The schema of record values: the change envelope of {@code table}. */
    public static Schema valueSchema(String bridge, SystemSide side, TableSchema table) {
        Schema row = record(bridge, side, table, ROW_SUFFIX, table.columns(), false);
        Schema partial = record(bridge, side, table, PARTIAL_SUFFIX, table.columns(), true);
        Schema key = keyRecord(bridge, side, table);
        String name = AvroNames.sanitize(TopicNames.tableToken(table.table()) + "_envelope");
        List<Schema.Field> fields = List.of(
                new Schema.Field(OP, OPERATION_SCHEMA, "what happened to the row"),
                new Schema.Field(BEFORE, Schema.createUnion(Schema.create(Schema.Type.NULL), row, key),
                        "the row before the change: all columns, only the key, or null when not logged",
                        JsonProperties.NULL_VALUE),
                new Schema.Field(AFTER, Schema.createUnion(Schema.create(Schema.Type.NULL), row, partial),
                        "the row after the change: all columns; for an update whose source left columns out, the"
                                + " partial record (see absent); null for deletes", JsonProperties.NULL_VALUE),
                new Schema.Field(ABSENT, Schema.createArray(Schema.create(Schema.Type.STRING)),
                        "the fields of a partial after image whose columns the source did not log (unchanged, value"
                                + " unknown: not null); their slots hold null. Empty unless after is the partial record",
                        List.of()),
                new Schema.Field(SOURCE, sourceSchema(), "where and when the change happened"));
        Schema envelope = Schema.createRecord(name, "a change of " + table.table(), namespace(bridge, side), false);
        envelope.setFields(fields);
        return envelope;
    }

    /** The full-row record inside a value schema (the {@code <table>_row} branch of {@code after}). */
    public static Schema rowSchemaOf(Schema valueSchema) {
        return afterBranch(valueSchema, ROW_SUFFIX)
                .orElseThrow(() -> new IllegalArgumentException("field 'after' of " + valueSchema.getFullName()
                        + " has no full-row record: not a Cutover envelope"));
    }

    /**
     * The partial-row record inside a value schema (the {@code <table>_partial} branch of
     * {@code after}); empty for envelopes written before partial after images existed.
     */
    public static Optional<Schema> partialRowSchemaOf(Schema valueSchema) {
        return afterBranch(valueSchema, PARTIAL_SUFFIX);
    }

    /**
     * The CRC-64-AVRO fingerprint of {@code schema}'s parsing canonical form, the identifier Avro's
     * single-object encoding puts in front of every message.
     */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** {@link #fingerprint} as 16 lowercase hex digits, the key of the schemas topic. */
    public static String fingerprintHex(Schema schema) {
        return String.format("%016x", fingerprint(schema));
    }

    /**
     * The table a pair of schemas derived here describes: columns (real names, types, nullability,
     * decimal precision and scale) and key. The native type of each column, which the schemas do
     * not carry, is given as the Avro type (e.g. {@code long/timestamp-micros}).
     *
     * @throws IllegalArgumentException when the schemas were not derived by this class
     */
    public static TableSchema tableSchema(Schema keySchema, Schema valueSchema) {
        Schema row = rowSchemaOf(valueSchema);
        String schemaName = row.getProp(SCHEMA_PROPERTY);
        String tableName = row.getProp(TABLE_PROPERTY);
        if (schemaName == null || tableName == null) {
            throw new IllegalArgumentException("record " + row.getFullName() + " does not name its table ("
                    + SCHEMA_PROPERTY + ", " + TABLE_PROPERTY + "): not a Cutover schema");
        }
        List<ColumnDef> columns = new ArrayList<>();
        for (Schema.Field f : row.getFields()) {
            columns.add(columnOf(f));
        }
        List<String> key = new ArrayList<>();
        for (Schema.Field f : keySchema.getFields()) {
            key.add(columnName(f));
        }
        return new TableSchema(new TableId(schemaName, tableName), columns, key);
    }

    /** The real column name a field carries. */
    static String columnName(Schema.Field field) {
        String original = field.getProp(COLUMN_PROPERTY);
        return original != null ? original : field.name();
    }

    private static ColumnDef columnOf(Schema.Field field) {
        Schema type = field.schema();
        boolean nullable = AvroTypes.acceptsNull(type);
        Schema value = AvroTypes.valueBranchOf(type);
        int[] precisionAndScale = AvroTypes.precisionAndScale(value);
        return new ColumnDef(columnName(field), AvroTypes.columnTypeOf(value), AvroTypes.describe(value), nullable,
                precisionAndScale[0], precisionAndScale[1]);
    }

    private static Schema keyRecord(String bridge, SystemSide side, TableSchema table) {
        List<ColumnDef> keyColumns = new ArrayList<>();
        for (String key : table.keyColumns()) {
            keyColumns.add(table.column(key).orElseThrow());
        }
        return record(bridge, side, table, KEY_SUFFIX, keyColumns, false);
    }

    /**
     * A record of {@code columns}; field names are computed over all columns so key and row agree.
     *
     * @param partial true for the partial row: every non-key field then accepts null
     */
    private static Schema record(String bridge, SystemSide side, TableSchema table, String suffix, List<ColumnDef> columns,
            boolean partial) {
        List<String> allNames = AvroNames.fieldNames(table.columnNames());
        List<Schema.Field> fields = new ArrayList<>(columns.size());
        for (ColumnDef column : columns) {
            String fieldName = allNames.get(table.columnNames().indexOf(column.name()));
            boolean nullable = column.nullable() || (partial && !table.keyColumns().contains(column.name()));
            Schema type = AvroTypes.fieldSchemaOf(column, nullable);
            Schema.Field field = nullable
                    ? new Schema.Field(fieldName, type, null, JsonProperties.NULL_VALUE)
                    : new Schema.Field(fieldName, type);
            if (!fieldName.equals(column.name())) {
                field.addProp(COLUMN_PROPERTY, column.name());
            }
            fields.add(field);
        }
        String name = AvroNames.sanitize(TopicNames.tableToken(table.table()) + suffix);
        Schema record = Schema.createRecord(name, partial ? PARTIAL_DOC : null, namespace(bridge, side), false);
        record.addProp(SCHEMA_PROPERTY, table.table().schema());
        record.addProp(TABLE_PROPERTY, table.table().table());
        record.setFields(fields);
        return record;
    }

    private static Schema sourceSchema() {
        Schema commitTs = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        Schema source = Schema.createRecord("Source", "where and when a change happened", COMMON_NAMESPACE, false);
        source.setFields(List.of(
                new Schema.Field("system", Schema.create(Schema.Type.STRING), "the system whose database changed: legacy or new"),
                new Schema.Field("table", Schema.create(Schema.Type.STRING), "the table the change is bound for, schema.table"),
                new Schema.Field("commit_ts", commitTs, "when the source transaction committed"),
                new Schema.Field("position_kind", Schema.create(Schema.Type.STRING), "lsn, binlog, gtid, snapshot or none"),
                new Schema.Field("position", Schema.create(Schema.Type.STRING), "the position in the source log"),
                new Schema.Field("txid", Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                        "the source transaction id, if any", JsonProperties.NULL_VALUE)));
        return source;
    }

    private static Schema.Field field(Schema record, String name) {
        Schema.Field f = record.getField(name);
        if (f == null) {
            throw new IllegalArgumentException("record " + record.getFullName() + " has no field '" + name + "': not a Cutover envelope");
        }
        return f;
    }

    private static Optional<Schema> afterBranch(Schema valueSchema, String suffix) {
        for (Schema branch : field(valueSchema, AFTER).schema().getTypes()) {
            if (branch.getType() == Schema.Type.RECORD && branch.getName().endsWith(suffix)) {
                return Optional.of(branch);
            }
        }
        return Optional.empty();
    }
}
