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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
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
    void anImageWithAColumnTheTableLacksFails() {
        RowImage row = TestTables.with(TestTables.allTypesRow(14), "extra", 1);

        assertThatThrownBy(() -> codec.encodeValue(TestTables.create(row)))
                .isInstanceOf(ChangeCodecException.class)
                .hasMessageContaining("extra")
                .hasMessageContaining("all_types");
        assertThatThrownBy(() -> codec.encodeValue(TestTables.update(TestTables.without(row, "c_json"))))
                .as("a partial image with an unknown column")
                .isInstanceOf(ChangeCodecException.class)
                .hasMessageContaining("extra");
    }

    @Test
    void anUpdateWhoseAfterImageLacksUnloggedColumnsRoundTripsWithoutThem() {
        ChangeEvent update = TestTables.update(TestTables.without(TestTables.allTypesRowWithoutNulls(20), "c_json", "n_json"));

        ChangeEvent decoded = roundTrip(update);

        assertSameEvent(decoded, update);
        assertThat(decoded.after().has("c_json")).isFalse();
        assertThat(decoded.after().has("n_json")).isFalse();
        assertThat(decoded.after().size()).isEqualTo(TestTables.allTypes().columns().size() - 2);
    }

    @Test
    void anAbsentColumnAndANullColumnAreToldApart() {
        RowImage full = TestTables.allTypesRow(21);
        ChangeEvent absent = TestTables.update(TestTables.without(full, "c_json", "n_json"));
        ChangeEvent nulled = TestTables.update(TestTables.without(full, "c_json"));

        GenericRecord envelope = rawValue(codec.encodeValue(absent));
        RowImage afterAbsent = roundTrip(absent).after();
        RowImage afterNull = roundTrip(nulled).after();

        assertThat(envelope.get("absent")).asList().extracting(Object::toString).containsExactly("c_json", "n_json");
        GenericRecord after = (GenericRecord) envelope.get("after");
        assertThat(after.getSchema().getName()).isEqualTo("all_types_partial");
        assertThat(after.get("n_json")).isNull();
        assertThat(after.get("n_string")).isNull();
        assertThat(afterAbsent.has("n_json")).isFalse();
        assertThat(afterAbsent.has("n_string")).as("a null that was logged stays").isTrue();
        assertThat(afterNull.has("n_json")).isTrue();
        assertThat(afterNull.get("n_json")).isNull();
        assertThat(rawValue(codec.encodeValue(nulled)).get("absent")).asList().extracting(Object::toString).containsExactly("c_json");
    }

    @Test
    void aFullImageTravelsAsTheStrictRowWithNothingAbsent() {
        GenericRecord envelope = rawValue(codec.encodeValue(TestTables.update(TestTables.allTypesRow(22))));

        assertThat(((GenericRecord) envelope.get("after")).getSchema().getName()).isEqualTo("all_types_row");
        assertThat(envelope.get("absent")).asList().isEmpty();
    }

    @Test
    void aNullInAPresentNotNullColumnOfAPartialImageStillFails() {
        RowImage row = TestTables.with(TestTables.without(TestTables.allTypesRow(23), "n_json"), "c_json", null);

        assertThatThrownBy(() -> codec.encodeValue(TestTables.update(row)))
                .isInstanceOf(ChangeCodecException.class)
                .hasMessageContaining("'c_json' is NOT NULL");
    }

    @Test
    void aPartialAfterImageOfACreateOrReadFailsNamingBindingTableAndColumns() {
        RowImage partial = TestTables.without(TestTables.allTypesRow(24), "c_json", "n_json");
        ChangeEvent read = ChangeEvent.read(SystemSide.LEGACY, TestTables.ALL_TYPES_TABLE, List.of("id"), partial,
                TestTables.COMMIT, new SourcePosition("snapshot", ""));

        for (ChangeEvent event : List.of(TestTables.create(partial), read)) {
            assertThatThrownBy(() -> codec.encodeValue(event))
                    .as(event.operation().toString())
                    .isInstanceOf(ChangeCodecException.class)
                    .hasMessageContaining(event.operation().toString())
                    .hasMessageContaining("binding 'all'")
                    .hasMessageContaining("public.all_types")
                    .hasMessageContaining("[c_json, n_json]")
                    .hasMessageContaining("only an UPDATE");
        }
    }

    @Test
    void aRecordNamingAKeyColumnAbsentIsRejected() {
        GenericData.Record envelope = rawValue(codec.encodeValue(TestTables.update(TestTables.without(TestTables.allTypesRow(25), "c_json"))));
        envelope.put("absent", List.of("c_json", "id"));
        ((GenericData.Record) envelope.get("after")).put("id", 25L);

        assertThatThrownBy(() -> codec.decode(encodeRaw(envelope)))
                .isInstanceOf(ChangeCodecException.class)
                .hasMessageContaining("key column 'id'")
                .hasMessageContaining(route.topic());
    }

    @Test
    void aRecordWhoseAbsentContradictsItsAfterImageIsRejected() {
        ChangeEvent partialUpdate = TestTables.update(TestTables.without(TestTables.allTypesRow(26), "c_json"));

        GenericData.Record asCreate = rawValue(codec.encodeValue(partialUpdate));
        asCreate.put("op", new GenericData.EnumSymbol(asCreate.getSchema().getField("op").schema(), "c"));
        GenericData.Record withValue = rawValue(codec.encodeValue(partialUpdate));
        ((GenericData.Record) withValue.get("after")).put("c_json", "{}");
        GenericData.Record unnamedNull = rawValue(codec.encodeValue(partialUpdate));
        unnamedNull.put("absent", List.of());
        GenericData.Record fullRow = rawValue(codec.encodeValue(TestTables.update(TestTables.allTypesRow(26))));
        fullRow.put("absent", List.of("c_json"));

        assertThatThrownBy(() -> codec.decode(encodeRaw(asCreate))).hasMessageContaining("CREATE").hasMessageContaining("partial");
        assertThatThrownBy(() -> codec.decode(encodeRaw(withValue))).hasMessageContaining("'c_json' absent but its slot holds a value");
        assertThatThrownBy(() -> codec.decode(encodeRaw(unnamedNull))).hasMessageContaining("NOT NULL column 'c_json'");
        assertThatThrownBy(() -> codec.decode(encodeRaw(fullRow))).isInstanceOf(ChangeCodecException.class)
                .hasMessageContaining("full row");
    }

    @Test
    void aRecordWrittenWithTheEnvelopeBeforePartialImagesDecodesWithNothingAbsent() throws IOException {
        Schema older = EnvelopeVersions.beforePartialImages(codec.schemas().value());
        GenericData.Record current = rawValue(codec.encodeValue(TestTables.update(TestTables.allTypesRow(27))));
        GenericData.Record old = new GenericData.Record(older);
        for (Schema.Field f : older.getFields()) {
            old.put(f.name(), current.get(f.name()));
        }
        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(older);
        ChangeEventCodec reader = ChangeEventCodec.forRoute("shop", route, store);

        ChangeEvent decoded = reader.decode(new BinaryMessageEncoder<GenericData.Record>(GenericData.get(), older).encode(old).array());

        assertSameEvent(decoded, TestTables.update(TestTables.allTypesRow(27)));
    }

    @Test
    void aReaderWithTheEnvelopeBeforePartialImagesReadsFullImagesAndRefusesPartialOnes() {
        TopicSchemas current = codec.schemas();
        TopicSchemas older = new TopicSchemas(current.topic(), current.key(), EnvelopeVersions.beforePartialImages(current.value()));
        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(current.value());
        ChangeEventCodec oldReader = ChangeEventCodec.forSchemas(older, store);
        ChangeEvent full = TestTables.update(TestTables.allTypesRowWithoutNulls(28));
        ChangeEvent partial = TestTables.update(TestTables.without(TestTables.allTypesRow(28), "c_json"));

        assertSameEvent(oldReader.decode(codec.encodeValue(full)), full);
        assertThatThrownBy(() -> oldReader.decode(codec.encodeValue(partial))).isInstanceOf(ChangeCodecException.class);
        assertThatThrownBy(() -> oldReader.encodeValue(partial))
                .isInstanceOf(ChangeCodecException.class)
                .hasMessageContaining("[c_json]")
                .hasMessageContaining("predates partial after images");
    }

    /** The envelope of an encoded value, read with the codec's own schema. */
    private GenericData.Record rawValue(byte[] value) {
        try {
            return new BinaryMessageDecoder<GenericData.Record>(GenericData.get(), codec.schemas().value()).decode(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] encodeRaw(GenericData.Record envelope) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericData.Record>(GenericData.get(), codec.schemas().value()).encode(envelope);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
