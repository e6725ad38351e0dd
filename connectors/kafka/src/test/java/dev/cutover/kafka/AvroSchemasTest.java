package dev.cutover.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.kafka.internal.AvroTypes;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvroSchemasTest {

    private static Schema fieldType(ColumnDef column) {
        TableSchema table = new TableSchema(new TableId("public", "t"), List.of(ColumnDef.of("id", ColumnType.INT32, "int", false), column), List.of("id"));
        Schema row = AvroSchemas.rowSchemaOf(AvroSchemas.valueSchema("b", SystemSide.NEW, table));
        return AvroTypes.valueBranchOf(row.getField(column.name()).schema());
    }

    @ParameterizedTest(name = "{0} -> {1} {2} {3}")
    @CsvSource(nullValues = "-", value = {
        "BOOLEAN,     boolean, -,                        -",
        "INT16,       int,     -,                        int16",
        "INT32,       int,     -,                        -",
        "INT64,       long,    -,                        -",
        "FLOAT32,     float,   -,                        -",
        "FLOAT64,     double,  -,                        -",
        "STRING,      string,  -,                        -",
        "JSON,        string,  -,                        json",
        "BYTES,       bytes,   -,                        -",
        "UUID,        string,  uuid,                     -",
        "DATE,        int,     date,                     -",
        "TIME,        long,    time-micros,              -",
        "TIMESTAMP,   long,    local-timestamp-micros,   -",
        "TIMESTAMPTZ, long,    timestamp-micros,         -",
    })
    void everyColumnTypeMapsToItsAvroType(ColumnType type, String avroType, String logicalType, String marker) {
        Schema schema = fieldType(ColumnDef.of("v", type, "x", false));

        assertThat(schema.getType().getName()).isEqualTo(avroType);
        assertThat(schema.getLogicalType() == null ? null : schema.getLogicalType().getName()).isEqualTo(logicalType);
        assertThat(schema.getProp("cutover.type")).isEqualTo(marker);
    }

    @Test
    void aDecimalWithPrecisionIsAvroDecimalWithThatPrecisionAndScale() {
        Schema schema = fieldType(new ColumnDef("price", ColumnType.DECIMAL, "numeric(12,4)", false, 12, 4));

        assertThat(schema.getType()).isEqualTo(Schema.Type.BYTES);
        assertThat(schema.getLogicalType()).isEqualTo(LogicalTypes.decimal(12, 4));
    }

    @Test
    void aDecimalWithoutPrecisionOrWithAScaleAvroCannotExpressIsAMarkedString() {
        for (ColumnDef column : List.of(
                new ColumnDef("free", ColumnType.DECIMAL, "numeric", false, 0, 0),
                new ColumnDef("odd", ColumnType.DECIMAL, "numeric(3,5)", false, 3, 5),
                new ColumnDef("negative", ColumnType.DECIMAL, "numeric(3,-2)", false, 3, -2))) {
            Schema schema = fieldType(column);
            assertThat(schema.getType()).as(column.name()).isEqualTo(Schema.Type.STRING);
            assertThat(schema.getProp("cutover.type")).as(column.name()).isEqualTo("decimal");
        }
    }

    @Test
    void aNullableColumnIsAUnionWithNullThatDefaultsToNull() {
        TableSchema table = new TableSchema(new TableId("public", "t"), List.of(
                ColumnDef.of("id", ColumnType.INT32, "int", false),
                ColumnDef.of("note", ColumnType.STRING, "text", true)), List.of("id"));
        Schema row = AvroSchemas.rowSchemaOf(AvroSchemas.valueSchema("b", SystemSide.NEW, table));

        Schema.Field note = row.getField("note");
        assertThat(note.schema().isUnion()).isTrue();
        assertThat(note.schema().getTypes()).extracting(Schema::getType).containsExactly(Schema.Type.NULL, Schema.Type.STRING);
        assertThat(note.hasDefaultValue()).isTrue();
        assertThat(note.defaultVal()).isEqualTo(JsonProperties.NULL_VALUE);
        assertThat(row.getField("id").schema().getType()).isEqualTo(Schema.Type.INT);
    }

    @Test
    void invalidNamesAreSanitisedAndTheColumnNameIsKept() {
        TableSchema table = new TableSchema(new TableId("Sales Data", "order-items"), List.of(
                ColumnDef.of("order id", ColumnType.INT32, "int", false),
                ColumnDef.of("1st", ColumnType.STRING, "text", true),
                ColumnDef.of("a-b", ColumnType.STRING, "text", true),
                ColumnDef.of("a_b", ColumnType.STRING, "text", true),
                ColumnDef.of("größe", ColumnType.STRING, "text", true)), List.of("order id"));

        Schema value = AvroSchemas.valueSchema("my-bridge", SystemSide.LEGACY, table);
        Schema row = AvroSchemas.rowSchemaOf(value);
        Schema key = AvroSchemas.keySchema("my-bridge", SystemSide.LEGACY, table);

        assertThat(row.getFields()).extracting(Schema.Field::name).containsExactly("order_id", "_1st", "a_b_2", "a_b", "gr__e");
        assertThat(row.getFields()).extracting(f -> f.getProp("cutover.column"))
                .containsExactly("order id", "1st", "a-b", null, "größe");
        assertThat(key.getFields()).extracting(Schema.Field::name).containsExactly("order_id");
        assertThat(key.getField("order_id").getProp("cutover.column")).isEqualTo("order id");
        assertThat(value.getNamespace()).isEqualTo("dev.cutover.my_bridge.legacy");
        assertThat(value.getName()).isEqualTo("Sales_Data_order_items_envelope");
        assertThat(row.getName()).isEqualTo("Sales_Data_order_items_row");
        assertThat(key.getFullName()).isEqualTo("dev.cutover.my_bridge.legacy.Sales_Data_order_items_key");
        // the JSON form parses back, so every name is valid
        assertThat(new Schema.Parser().parse(value.toString())).isEqualTo(value);
    }

    @Test
    void theEnvelopeHasOpBeforeAfterAbsentAndSource() {
        Schema value = AvroSchemas.valueSchema("shop", SystemSide.NEW, TestTables.allTypes());

        assertThat(value.getFields()).extracting(Schema.Field::name).containsExactly("op", "before", "after", "absent", "source");
        assertThat(value.getField("op").schema().getEnumSymbols()).containsExactly("c", "u", "d", "r");
        assertThat(value.getField("before").schema().getTypes()).extracting(Schema::getName)
                .containsExactly("null", "all_types_row", "all_types_key");
        assertThat(value.getField("after").schema().getTypes()).extracting(Schema::getName)
                .containsExactly("null", "all_types_row", "all_types_partial");
        Schema.Field absent = value.getField("absent");
        assertThat(absent.schema().getType()).isEqualTo(Schema.Type.ARRAY);
        assertThat(absent.schema().getElementType().getType()).isEqualTo(Schema.Type.STRING);
        assertThat(absent.defaultVal()).isEqualTo(List.of());
        Schema source = value.getField("source").schema();
        assertThat(source.getFields()).extracting(Schema.Field::name)
                .containsExactly("system", "table", "commit_ts", "position_kind", "position", "txid");
        assertThat(source.getField("commit_ts").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMicros());
        assertThat(source.getField("txid").schema().isUnion()).isTrue();
        assertThat(AvroSchemas.rowSchemaOf(value).getFields()).hasSize(TestTables.allTypes().columns().size());
    }

    @Test
    void thePartialRowMirrorsTheRowButEveryNonKeyFieldAcceptsNull() {
        Schema value = AvroSchemas.valueSchema("shop", SystemSide.NEW, TestTables.allTypes());
        Schema row = AvroSchemas.rowSchemaOf(value);
        Schema partial = AvroSchemas.partialRowSchemaOf(value).orElseThrow();

        assertThat(partial.getFullName()).isEqualTo("dev.cutover.shop.new.all_types_partial");
        assertThat(partial.getFields()).extracting(Schema.Field::name)
                .containsExactlyElementsOf(row.getFields().stream().map(Schema.Field::name).toList());
        assertThat(partial.getField("id").schema().getType()).as("key field").isEqualTo(Schema.Type.LONG);
        for (Schema.Field field : partial.getFields().subList(1, partial.getFields().size())) {
            ColumnDef column = TestTables.allTypes().column(field.name()).orElseThrow();
            assertThat(field.schema().getTypes()).as(field.name()).hasSize(AvroTypes.carriesSpecialValues(column.type()) ? 3 : 2)
                    .first().extracting(Schema::getType).isEqualTo(Schema.Type.NULL);
            assertThat(field.schema().getTypes().get(1)).as(field.name()).isEqualTo(AvroTypes.schemaOf(column));
            assertThat(field.defaultVal()).as(field.name()).isEqualTo(JsonProperties.NULL_VALUE);
        }
        assertThat(row.getField("c_json").schema().getType()).as("the full row stays strict").isEqualTo(Schema.Type.STRING);
        assertThat(partial.getProp("cutover.table")).isEqualTo("all_types");
    }

    @Test
    void thePartialRowKeepsTheRealColumnNameOfSanitisedFields() {
        TableSchema table = new TableSchema(new TableId("public", "t"), List.of(
                ColumnDef.of("order id", ColumnType.INT32, "int", false),
                ColumnDef.of("big-doc", ColumnType.JSON, "jsonb", false)), List.of("order id"));

        Schema partial = AvroSchemas.partialRowSchemaOf(AvroSchemas.valueSchema("b", SystemSide.NEW, table)).orElseThrow();

        assertThat(partial.getFields()).extracting(Schema.Field::name).containsExactly("order_id", "big_doc");
        assertThat(partial.getFields()).extracting(f -> f.getProp("cutover.column")).containsExactly("order id", "big-doc");
    }

    @Test
    void aTablesPartialRowNeverSharesANameWithAnotherTablesRecords() {
        TableSchema t = new TableSchema(new TableId("public", "t"), List.of(ColumnDef.of("id", ColumnType.INT32, "int", false)), List.of("id"));
        TableSchema tPartial = new TableSchema(new TableId("public", "t_partial"), t.columns(), List.of("id"));

        Schema partialOfT = AvroSchemas.partialRowSchemaOf(AvroSchemas.valueSchema("b", SystemSide.NEW, t)).orElseThrow();
        Schema valueOfTPartial = AvroSchemas.valueSchema("b", SystemSide.NEW, tPartial);

        assertThat(List.of(AvroSchemas.rowSchemaOf(valueOfTPartial).getName(),
                AvroSchemas.partialRowSchemaOf(valueOfTPartial).orElseThrow().getName(),
                AvroSchemas.keySchema("b", SystemSide.NEW, tPartial).getName(), valueOfTPartial.getName()))
                .doesNotContain(partialOfT.getName());
    }

    @Test
    void anEnvelopeWithoutThePartialRowHasNone() {
        Schema value = AvroSchemas.valueSchema("shop", SystemSide.NEW, TestTables.allTypes());

        Schema older = EnvelopeVersions.beforePartialImages(value);

        assertThat(AvroSchemas.partialRowSchemaOf(older)).isEmpty();
        assertThat(AvroSchemas.rowSchemaOf(older)).isEqualTo(AvroSchemas.rowSchemaOf(value));
    }

    @Test
    void theTableIsRecoveredFromTheSchemasAlone() {
        TableSchema original = TestTables.allTypes();
        Schema key = AvroSchemas.keySchema("shop", SystemSide.NEW, original);
        Schema value = AvroSchemas.valueSchema("shop", SystemSide.NEW, original);

        TableSchema recovered = AvroSchemas.tableSchema(new Schema.Parser().parse(key.toString()), new Schema.Parser().parse(value.toString()));

        assertThat(recovered.table()).isEqualTo(original.table());
        assertThat(recovered.keyColumns()).isEqualTo(original.keyColumns());
        assertThat(recovered.columns()).extracting(ColumnDef::name, ColumnDef::type, ColumnDef::nullable)
                .containsExactlyElementsOf(original.columns().stream()
                        .map(c -> tuple(c.name(), c.type(), c.nullable())).toList());
        assertThat(recovered.column("c_decimal").orElseThrow()).extracting(ColumnDef::precision, ColumnDef::scale)
                .containsExactly(30, 6);
    }

    @Test
    void theFingerprintIsTheHexOfTheParsingFormCrc() {
        Schema value = AvroSchemas.valueSchema("shop", SystemSide.NEW, TestTables.allTypes());

        assertThat(AvroSchemas.fingerprintHex(value)).hasSize(16).isEqualTo(String.format("%016x", AvroSchemas.fingerprint(value)));
        assertThat(AvroSchemas.fingerprint(value))
                .isEqualTo(SchemaNormalization.parsingFingerprint64(new Schema.Parser().parse(value.toString())));
    }
}
