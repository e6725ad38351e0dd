package dev.cutover.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.kafka.internal.AvroTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.Test;

/** PostgreSQL's infinities and NaN on the change topic: an extra union branch, exact both ways, older records still readable. */
class SpecialValueCodecTest {

    private final BindingRoute route = BindingRoute.of("shop", "all", TestTables.allTypes(), SystemSide.NEW);
    private final ChangeEventCodec codec = ChangeEventCodec.forRoute("shop", route);

    @Test
    void specialValuesInEveryColumnThatHoldsThemRoundTripExactly() {
        RowImage row = TestTables.allTypesRowWithoutNulls(1);
        row = TestTables.with(row, "c_decimal", SpecialValue.NAN);
        row = TestTables.with(row, "n_decimal", SpecialValue.NEGATIVE_INFINITY);
        row = TestTables.with(row, "free_numeric", SpecialValue.INFINITY);
        row = TestTables.with(row, "c_date", SpecialValue.INFINITY);
        row = TestTables.with(row, "n_date", SpecialValue.NEGATIVE_INFINITY);
        row = TestTables.with(row, "c_timestamp", SpecialValue.NEGATIVE_INFINITY);
        row = TestTables.with(row, "n_timestamp", SpecialValue.INFINITY);
        row = TestTables.with(row, "c_timestamptz", SpecialValue.INFINITY);
        row = TestTables.with(row, "n_timestamptz", SpecialValue.NEGATIVE_INFINITY);
        row = TestTables.with(row, "c_float64", Double.NaN);
        row = TestTables.with(row, "n_float32", Float.NEGATIVE_INFINITY);
        ChangeEvent update = ChangeEvent.update(SystemSide.LEGACY, TestTables.ALL_TYPES_TABLE, List.of("id"),
                TestTables.allTypesRow(1), row, TestTables.COMMIT, new SourcePosition("lsn", "0/1"), "7");

        ChangeEvent decoded = codec.decode(codec.encodeValue(update));

        assertThat(decoded.after()).isEqualTo(row);
        assertThat(decoded.after().get("c_decimal")).isSameAs(SpecialValue.NAN);
        assertThat(decoded.before()).isEqualTo(update.before());
    }

    @Test
    void theSchemaAloneDecodesSpecialValues() {
        TopicSchemas schemas = codec.schemas();
        ChangeEventCodec fresh = ChangeEventCodec.forSchemas(new TopicSchemas(schemas.topic(),
                new Schema.Parser().parse(schemas.key().toString()), new Schema.Parser().parse(schemas.value().toString())), null);
        ChangeEvent create = TestTables.create(TestTables.with(TestTables.allTypesRow(2), "c_date", SpecialValue.INFINITY));

        assertThat(fresh.decode(codec.encodeValue(create)).after().get("c_date")).isSameAs(SpecialValue.INFINITY);
        TableSchema read = AvroSchemas.tableSchema(schemas.key(), schemas.value());
        assertThat(read.column("c_date").orElseThrow()).extracting(ColumnDef::type, ColumnDef::nullable)
                .containsExactly(ColumnType.DATE, false);
        assertThat(read.column("n_decimal").orElseThrow()).extracting(ColumnDef::type, ColumnDef::nullable, ColumnDef::scale)
                .containsExactly(ColumnType.DECIMAL, true, 6);
    }

    @Test
    void onlyDecimalAndTemporalFieldsGainTheBranchAfterTheirType() {
        Schema row = AvroSchemas.rowSchemaOf(codec.schemas().value());

        assertThat(row.getField("c_date").schema().getTypes()).extracting(Schema::getFullName)
                .containsExactly("int", AvroTypes.SPECIAL_NAME);
        assertThat(row.getField("n_decimal").schema().getTypes()).extracting(Schema::getFullName)
                .containsExactly("null", "bytes", AvroTypes.SPECIAL_NAME);
        assertThat(row.getField("c_time").schema().isUnion()).isFalse();
        assertThat(row.getField("n_float64").schema().getTypes()).extracting(Schema::getFullName).containsExactly("null", "double");
    }

    @Test
    void aRecordWrittenBeforeTheBranchExistedStillDecodes() {
        TableSchema table = new TableSchema(new TableId("public", "days"), List.of(
                ColumnDef.of("id", ColumnType.INT32, "int", false),
                ColumnDef.of("day", ColumnType.DATE, "date", true),
                new ColumnDef("amount", ColumnType.DECIMAL, "numeric(10,2)", false, 10, 2)), List.of("id"));
        ChangeEventCodec current = ChangeEventCodec.forRoute("shop", BindingRoute.of("shop", "days", table, SystemSide.NEW));
        Schema before = withoutSpecialBranches(current.schemas().value());
        assertThat(before.toString()).doesNotContain("SpecialValue");
        assertThat(AvroSchemas.fingerprint(before)).isNotEqualTo(AvroSchemas.fingerprint(current.schemas().value()));
        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(before);
        ChangeEventCodec reader = ChangeEventCodec.forRoute("shop", BindingRoute.of("shop", "days", table, SystemSide.NEW), store);
        RowImage row = RowImage.builder().put("id", 1).put("day", LocalDate.of(2024, 2, 29)).put("amount", new BigDecimal("1.50")).build();
        ChangeEventCodec oldWriter = ChangeEventCodec.forSchemas(new TopicSchemas(current.schemas().topic(), current.schemas().key(), before), null);

        ChangeEvent decoded = reader.decode(oldWriter.encodeValue(ChangeEvent.create(SystemSide.LEGACY, table.table(), List.of("id"), row,
                TestTables.COMMIT, SourcePosition.NONE, null)));

        assertThat(decoded.after()).isEqualTo(row);
    }

    @Test
    void aSpecialValueATypeCannotHoldIsRefusedNamingTheColumn() {
        ChangeEvent create = TestTables.create(TestTables.with(TestTables.allTypesRow(3), "c_date", SpecialValue.NAN));

        assertThatThrownBy(() -> codec.encodeValue(create)).isInstanceOf(ChangeCodecException.class)
                .hasMessageContaining("c_date").hasMessageContaining("NaN");
    }

    /** The value schema as Cutover wrote it before special values: every special branch removed. */
    private static Schema withoutSpecialBranches(Schema value) {
        try {
            ObjectMapper json = new ObjectMapper();
            return new Schema.Parser().parse(json.writeValueAsString(strip(json.readTree(value.toString()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode strip(JsonNode node) {
        if (node.isArray()) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            node.forEach(branch -> {
                if (!isSpecial(branch)) {
                    kept.add(strip(branch));
                }
            });
            // a union left with one branch was that branch alone
            return kept.size() == 1 && node.size() == 2 && !kept.get(0).isTextual() ? kept.get(0) : kept;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), strip(e.getValue())));
            return copy;
        }
        return node;
    }

    private static boolean isSpecial(JsonNode branch) {
        return branch.isTextual() && branch.asText().equals(AvroTypes.SPECIAL_NAME)
                || branch.isObject() && "SpecialValue".equals(branch.path("name").asText());
    }
}
