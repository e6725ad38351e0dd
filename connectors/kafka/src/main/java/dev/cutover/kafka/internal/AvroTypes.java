package dev.cutover.kafka.internal;

import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The Avro type of each portable column type, and the way back.
 *
 * <table>
 *   <caption>Column types and their Avro form</caption>
 *   <tr><th>column type</th><th>Avro</th></tr>
 *   <tr><td>BOOLEAN</td><td>boolean</td></tr>
 *   <tr><td>INT16</td><td>int, {@code "cutover.type":"int16"}</td></tr>
 *   <tr><td>INT32</td><td>int</td></tr>
 *   <tr><td>INT64</td><td>long</td></tr>
 *   <tr><td>FLOAT32 / FLOAT64</td><td>float / double</td></tr>
 *   <tr><td>DECIMAL(p,s), 0 &lt;= s &lt;= p, p &gt; 0</td><td>bytes, decimal(p,s)</td></tr>
 *   <tr><td>DECIMAL otherwise</td><td>string, {@code "cutover.type":"decimal"}</td></tr>
 *   <tr><td>STRING</td><td>string</td></tr>
 *   <tr><td>JSON</td><td>string, {@code "cutover.type":"json"}</td></tr>
 *   <tr><td>BYTES</td><td>bytes</td></tr>
 *   <tr><td>UUID</td><td>string, uuid</td></tr>
 *   <tr><td>DATE</td><td>int, date</td></tr>
 *   <tr><td>TIME</td><td>long, time-micros</td></tr>
 *   <tr><td>TIMESTAMP</td><td>long, local-timestamp-micros</td></tr>
 *   <tr><td>TIMESTAMPTZ</td><td>long, timestamp-micros</td></tr>
 * </table>
 *
 * <p>A DECIMAL without a declared precision (PostgreSQL's unconstrained {@code numeric}) has no
 * fixed scale: every value may carry a different one, and Avro's decimal fixes the scale in the
 * schema. Such columns travel as the decimal's exact string form ({@link java.math.BigDecimal#toString()},
 * which keeps every digit and the scale). So do declarations Avro's decimal cannot express (a
 * scale above the precision, or a negative scale).
 *
 * <p>DECIMAL, DATE, TIMESTAMP and TIMESTAMPTZ fields are unions that also take the enum
 * {@value #SPECIAL_NAME} ({@code INFINITY}, {@code NEGATIVE_INFINITY}, {@code NAN}): PostgreSQL's
 * {@code 'infinity'} dates and timestamps and {@code 'NaN'} and {@code 'Infinity'} numerics,
 * which no value of the base type can stand for (see {@link dev.cutover.core.event.SpecialValue}).
 * The branch was added to existing schemas as an extra union branch: records written before it
 * still decode, and a reader of the earlier schema fails only on a record that holds a special value.
 *
 * <p>{@code cutover.type} is set only where the Avro type alone does not say which column type it
 * carries, so that a reader holding nothing but the schema decodes to the same Java values.
 *
 * <p>Stateless and thread-safe.
 */
public final class AvroTypes {

    /** Field property naming the column type where the Avro type is ambiguous. */
    public static final String TYPE_PROPERTY = "cutover.type";

    /** The full name of the enum of special values. */
    public static final String SPECIAL_NAME = "dev.cutover.SpecialValue";

    /** The enum branch of fields whose type can hold a {@link SpecialValue}; symbols are the constants' names. */
    public static final Schema SPECIAL = Schema.createEnum("SpecialValue",
            "PostgreSQL's infinity and -infinity (dates, timestamps, numerics) and NaN (numerics)", "dev.cutover",
            Arrays.stream(SpecialValue.values()).map(Enum::name).toList());

    private static final String INT16 = "int16";
    private static final String JSON = "json";
    private static final String DECIMAL = "decimal";

    private AvroTypes() {
    }

    /** The (non-null) Avro schema of {@code column}'s values. */
    public static Schema schemaOf(ColumnDef column) {
        return switch (column.type()) {
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case INT16 -> withType(Schema.create(Schema.Type.INT), INT16);
            case INT32 -> Schema.create(Schema.Type.INT);
            case INT64 -> Schema.create(Schema.Type.LONG);
            case FLOAT32 -> Schema.create(Schema.Type.FLOAT);
            case FLOAT64 -> Schema.create(Schema.Type.DOUBLE);
            case DECIMAL -> hasFixedScale(column)
                    ? LogicalTypes.decimal(column.precision(), column.scale()).addToSchema(Schema.create(Schema.Type.BYTES))
                    : withType(Schema.create(Schema.Type.STRING), DECIMAL);
            case STRING -> Schema.create(Schema.Type.STRING);
            case JSON -> withType(Schema.create(Schema.Type.STRING), JSON);
            case BYTES -> Schema.create(Schema.Type.BYTES);
            case UUID -> LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
            case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case TIME -> LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case TIMESTAMP -> LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case TIMESTAMPTZ -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        };
    }

    /** True when the field of a column of {@code type} has the {@link #SPECIAL} branch. */
    public static boolean carriesSpecialValues(ColumnType type) {
        return SpecialValue.INFINITY.fits(type);
    }

    /**
     * The schema of {@code column}'s field: {@link #schemaOf} alone, or a union with null first
     * when {@code nullable}, and with {@link #SPECIAL} last when the type can hold special values.
     */
    public static Schema fieldSchemaOf(ColumnDef column, boolean nullable) {
        List<Schema> branches = new ArrayList<>(3);
        if (nullable) {
            branches.add(Schema.create(Schema.Type.NULL));
        }
        branches.add(schemaOf(column));
        if (carriesSpecialValues(column.type())) {
            branches.add(SPECIAL);
        }
        return branches.size() == 1 ? branches.get(0) : Schema.createUnion(branches);
    }

    /** The value branch of a field schema: the one that is neither null nor {@link #SPECIAL}. */
    public static Schema valueBranchOf(Schema fieldSchema) {
        if (!fieldSchema.isUnion()) {
            return fieldSchema;
        }
        for (Schema branch : fieldSchema.getTypes()) {
            if (branch.getType() != Schema.Type.NULL && !SPECIAL_NAME.equals(branch.getFullName())) {
                return branch;
            }
        }
        throw new IllegalArgumentException("union " + fieldSchema + " has no value branch");
    }

    /** True when a field schema accepts null. */
    public static boolean acceptsNull(Schema fieldSchema) {
        return fieldSchema.isUnion() && fieldSchema.getTypes().stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
    }

    /** True when a DECIMAL column travels as Avro's decimal (bytes) rather than as a string. */
    public static boolean hasFixedScale(ColumnDef column) {
        return column.type() == ColumnType.DECIMAL && column.precision() > 0
                && column.scale() >= 0 && column.scale() <= column.precision();
    }

    /**
     * The column type an Avro value schema (without its null branch) carries.
     *
     * @throws IllegalArgumentException when the schema is not one {@link #schemaOf} produces
     */
    public static ColumnType columnTypeOf(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        String marker = schema.getProp(TYPE_PROPERTY);
        switch (schema.getType()) {
            case BOOLEAN:
                return ColumnType.BOOLEAN;
            case INT:
                if (logical instanceof LogicalTypes.Date) {
                    return ColumnType.DATE;
                }
                return INT16.equals(marker) ? ColumnType.INT16 : ColumnType.INT32;
            case LONG:
                if (logical instanceof LogicalTypes.TimeMicros) {
                    return ColumnType.TIME;
                }
                if (logical instanceof LogicalTypes.LocalTimestampMicros) {
                    return ColumnType.TIMESTAMP;
                }
                if (logical instanceof LogicalTypes.TimestampMicros) {
                    return ColumnType.TIMESTAMPTZ;
                }
                return ColumnType.INT64;
            case FLOAT:
                return ColumnType.FLOAT32;
            case DOUBLE:
                return ColumnType.FLOAT64;
            case BYTES:
                return logical instanceof LogicalTypes.Decimal ? ColumnType.DECIMAL : ColumnType.BYTES;
            case STRING:
                if (logical != null && "uuid".equals(logical.getName())) {
                    return ColumnType.UUID;
                }
                if (JSON.equals(marker)) {
                    return ColumnType.JSON;
                }
                return DECIMAL.equals(marker) ? ColumnType.DECIMAL : ColumnType.STRING;
            default:
                throw new IllegalArgumentException("Avro type " + schema + " does not carry a Cutover column");
        }
    }

    /** Precision and scale of a decimal schema, {0, 0} for anything else. */
    public static int[] precisionAndScale(Schema schema) {
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal d) {
            return new int[] {d.getPrecision(), d.getScale()};
        }
        return new int[] {0, 0};
    }

    /** A short description of an Avro value schema, e.g. {@code long/timestamp-micros}. */
    public static String describe(Schema schema) {
        String base = schema.getType().getName();
        if (schema.getLogicalType() != null) {
            base += "/" + schema.getLogicalType().getName();
        }
        String marker = schema.getProp(TYPE_PROPERTY);
        return marker == null ? base : base + "/" + marker;
    }

    private static Schema withType(Schema schema, String type) {
        schema.addProp(TYPE_PROPERTY, type);
        return schema;
    }
}
