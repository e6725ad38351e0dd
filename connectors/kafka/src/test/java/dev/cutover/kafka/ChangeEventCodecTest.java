package dev.cutover.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.Test;

class ChangeEventCodecTest {

    private final BindingRoute route = BindingRoute.of("shop", "all", TestTables.allTypes(), SystemSide.NEW);
    private final ChangeEventCodec codec = ChangeEventCodec.forRoute("shop", route);

    private ChangeEvent roundTrip(ChangeEvent event) {
        return codec.decode(codec.encodeValue(event));
    }

    private static void assertSameEvent(ChangeEvent decoded, ChangeEvent original) {
        assertThat(decoded).usingRecursiveComparison().ignoringFields("before", "after").isEqualTo(original);
        assertThat(decoded.before()).isEqualTo(original.before());
        assertThat(decoded.after()).isEqualTo(original.after());
        if (original.after() != null) {
            assertThat(decoded.after().columns()).containsExactlyElementsOf(original.after().columns());
            original.after().asMap().forEach((column, value) ->
                    assertThat(decoded.after().get(column) == null ? null : decoded.after().get(column).getClass())
                            .as(column).isEqualTo(value == null ? null : value.getClass()));
        }
    }

    @Test
    void createWithEveryTypeAndNullsRoundTripsExactly() {
        ChangeEvent create = TestTables.create(TestTables.allTypesRow(1));

        assertSameEvent(roundTrip(create), create);
    }

    @Test
    void createWithEveryNullableColumnSetRoundTripsExactly() {
        ChangeEvent create = TestTables.create(TestTables.allTypesRowWithoutNulls(2));

        assertSameEvent(roundTrip(create), create);
    }

    @Test
    void updateWithBeforeImageRoundTripsExactly() {
        ChangeEvent update = ChangeEvent.update(SystemSide.NEW, TestTables.ALL_TYPES_TABLE, List.of("id"),
                TestTables.allTypesRow(3), TestTables.allTypesRowWithoutNulls(3), TestTables.COMMIT,
                new SourcePosition("binlog", "mariadb-bin.000003:4711"), null);

        assertSameEvent(roundTrip(update), update);
    }

    @Test
    void updateWithoutBeforeImageRoundTripsExactly() {
        ChangeEvent update = ChangeEvent.update(SystemSide.LEGACY, TestTables.ALL_TYPES_TABLE, List.of("id"),
                null, TestTables.allTypesRow(4), TestTables.COMMIT, new SourcePosition("lsn", "0/1"), "9");

        assertSameEvent(roundTrip(update), update);
    }

    @Test
    void deleteWithFullBeforeImageRoundTripsExactly() {
        ChangeEvent delete = ChangeEvent.delete(SystemSide.LEGACY, TestTables.ALL_TYPES_TABLE, List.of("id"),
                TestTables.allTypesRowWithoutNulls(5), TestTables.COMMIT, new SourcePosition("lsn", "0/2"), "10");

        assertSameEvent(roundTrip(delete), delete);
    }

    @Test
    void deleteWithOnlyTheKeyRoundTripsAsAKeyOnlyImage() {
        ChangeEvent delete = ChangeEvent.delete(SystemSide.LEGACY, TestTables.ALL_TYPES_TABLE, List.of("id"),
                RowImage.builder().put("id", 6L).build(), TestTables.COMMIT, new SourcePosition("lsn", "0/3"), null);

        ChangeEvent decoded = roundTrip(delete);

        assertSameEvent(decoded, delete);
        assertThat(decoded.before().columns()).containsExactly("id");
    }

    @Test
    void snapshotReadRoundTripsExactly() {
        ChangeEvent read = ChangeEvent.read(SystemSide.NEW, new TableId("", "all_types"), List.of("id"),
                TestTables.allTypesRow(7), Instant.parse("1901-01-01T00:00:00.000001Z"), new SourcePosition("snapshot", ""));

        ChangeEvent decoded = roundTrip(read);

        assertSameEvent(decoded, read);
        assertThat(decoded.table()).isEqualTo(new TableId("", "all_types"));
    }

    @Test
    void decimalsKeepTheirValueAtTheDeclaredScale() {
        RowImage row = TestTables.with(TestTables.with(TestTables.with(TestTables.allTypesRow(8),
                "c_decimal", new BigDecimal("999999999999999999999999.999999")),
                "n_decimal", new BigDecimal("-0.5")),
                "free_numeric", new BigDecimal("-1E-1000"));

        ChangeEvent decoded = roundTrip(TestTables.create(row));

        assertThat(decoded.after().get("c_decimal")).isEqualTo(new BigDecimal("999999999999999999999999.999999"));
        assertThat(decoded.after().get("n_decimal")).isEqualTo(new BigDecimal("-0.500000"));
        assertThat(decoded.after().get("free_numeric")).isEqualTo(new BigDecimal("-1E-1000"));
    }

    @Test
    void theKeyIsASingleObjectEncodedKeyRecord() {
        ChangeEvent create = TestTables.create(TestTables.allTypesRow(42));

        byte[] key = codec.encodeKey(create);

        assertThat(key[0]).isEqualTo((byte) 0xC3);
        assertThat(key[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(key, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(AvroSchemas.fingerprint(codec.schemas().key()));
        assertThat(codec.decodeKey(key)).isEqualTo(RowImage.builder().put("id", 42L).build());
        assertThat(codec.encodeKey(ChangeEvent.delete(SystemSide.LEGACY, TestTables.ALL_TYPES_TABLE, List.of("id"),
                RowImage.builder().put("id", 42L).build(), TestTables.COMMIT, SourcePosition.NONE, null))).isEqualTo(key);
    }

    @Test
    void theValueStartsWithTheEnvelopeFingerprint() {
        byte[] value = codec.encodeValue(TestTables.create(TestTables.allTypesRow(1)));

        long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(AvroSchemas.fingerprint(codec.schemas().value()));
    }

    @Test
    void aCodecBuiltFromTheSchemasAloneDecodesExactly() {
        TopicSchemas schemas = codec.schemas();
        TopicSchemas parsed = new TopicSchemas(schemas.topic(), new Schema.Parser().parse(schemas.key().toString()),
                new Schema.Parser().parse(schemas.value().toString()));
        ChangeEventCodec fresh = ChangeEventCodec.forSchemas(parsed, null);
        ChangeEvent update = ChangeEvent.update(SystemSide.NEW, TestTables.ALL_TYPES_TABLE, List.of("id"),
                TestTables.allTypesRow(9), TestTables.allTypesRowWithoutNulls(9), TestTables.COMMIT, new SourcePosition("lsn", "0/9"), "t");

        assertSameEvent(fresh.decode(codec.encodeValue(update)), update);
    }

    @Test
    void anOlderWriterSchemaIsResolvedThroughTheSchemaStore() {
        TableSchema v1 = new TableSchema(new TableId("public", "people"), List.of(
                ColumnDef.of("id", ColumnType.INT32, "int", false),
                ColumnDef.of("name", ColumnType.STRING, "text", false)), List.of("id"));
        TableSchema v2 = new TableSchema(v1.table(), List.of(
                ColumnDef.of("id", ColumnType.INT32, "int", false),
                ColumnDef.of("name", ColumnType.STRING, "text", false),
                ColumnDef.of("email", ColumnType.STRING, "text", true)), List.of("id"));
        ChangeEventCodec writer = ChangeEventCodec.forRoute("shop", BindingRoute.of("shop", "people", v1, SystemSide.NEW));
        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(writer.schemas().value());
        ChangeEventCodec reader = ChangeEventCodec.forRoute("shop", BindingRoute.of("shop", "people", v2, SystemSide.NEW), store);
        ChangeEvent create = ChangeEvent.create(SystemSide.LEGACY, v1.table(), List.of("id"),
                RowImage.builder().put("id", 1).put("name", "Ada").build(), TestTables.COMMIT, SourcePosition.NONE, null);

        ChangeEvent decoded = reader.decode(writer.encodeValue(create));

        assertThat(decoded.after()).isEqualTo(RowImage.builder().put("id", 1).put("name", "Ada").put("email", null).build());
    }

    @Test
    void anUnknownWriterSchemaFailsNamingTheTopic() {
        ChangeEventCodec other = ChangeEventCodec.forRoute("other", BindingRoute.of("other", "all", TestTables.allTypes(), SystemSide.NEW));
        byte[] value = other.encodeValue(TestTables.create(TestTables.allTypesRow(1)));

        assertThatThrownBy(() -> codec.decode(value))
                .isInstanceOf(ChangeCodecException.class)
                .hasMessageContaining(route.topic());
        assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3}))
                .isInstanceOf(ChangeCodecException.class);
    }

    @Test
    void aNullInANotNullColumnFailsNamingColumnAndKeyButNotValues() {
        RowImage row = TestTables.with(TestTables.allTypesRow(11), "c_string", null);

        assertThatThrownBy(() -> codec.encodeValue(TestTables.create(row)))
                .isInstanceOf(ChangeCodecException.class)
                .hasMessageContaining("'c_string'")
                .hasMessageContaining("id=11")
                .hasMessageContaining("0/16B3748")
                .hasMessageNotContaining("Grüße");
    }

    @Test
    void aValueOfTheWrongClassFailsNamingColumnAndTypes() {
        RowImage row = TestTables.with(TestTables.allTypesRow(12), "c_int64", 5);

        assertThatThrownBy(() -> codec.encodeValue(TestTables.create(row)))
                .isInstanceOf(ChangeCodecException.class)
                .hasMessageContaining("'c_int64'")
                .hasMessageContaining("java.lang.Long")
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void aDecimalWithMoreDigitsThanDeclaredFails() {
        RowImage row = TestTables.with(TestTables.allTypesRow(13), "c_decimal", new BigDecimal("0.0000001"));

        assertThatThrownBy(() -> codec.encodeValue(TestTables.create(row)))
                .isInstanceOf(ChangeCodecException.class)
                .hasMessageContaining("'c_decimal'")
                .hasMessageContaining("DECIMAL(30,6)");
    }

    @Test
    void anImageMissingAColumnFails() {
        RowImage row = RowImage.builder().put("id", 14L).put("c_boolean", true).build();

        assertThatThrownBy(() -> codec.encodeValue(TestTables.create(row)))
                .isInstanceOf(ChangeCodecException.class)
                .hasMessageContaining("all_types");
    }
}
