package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.debezium.ChangeConversionException;
import dev.cutover.jdbc.postgres.ReplicaIdentity;
import io.debezium.data.Envelope;
import io.debezium.data.Json;
import io.debezium.data.Uuid;
import io.debezium.data.VariableScaleDecimal;
import io.debezium.time.Date;
import io.debezium.time.MicroDuration;
import io.debezium.time.MicroTime;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.NanoTime;
import io.debezium.time.NanoTimestamp;
import io.debezium.time.Time;
import io.debezium.time.Timestamp;
import io.debezium.time.ZonedTime;
import io.debezium.time.ZonedTimestamp;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class SourceRecordConverterTest {

    private static final TableId TABLE = new TableId("public", "orders");
    private static final long LSN = 0x16B3748L;
    private static final long COMMIT_MICROS = 1_700_000_000_123_456L;

    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("version", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA)
            .field("db", Schema.STRING_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private static final Schema ROW = SchemaBuilder.struct().name("cutover.public.orders.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("small", Schema.OPTIONAL_INT16_SCHEMA)
            .field("tiny", Schema.OPTIONAL_INT8_SCHEMA)
            .field("qty", Schema.OPTIONAL_INT32_SCHEMA)
            .field("ratio", Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field("score", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("active", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("label", Schema.OPTIONAL_STRING_SCHEMA)
            .field("amount", Decimal.builder(4).optional().build())
            .field("free_amount", VariableScaleDecimal.builder().optional().build())
            .field("day", Date.builder().optional().build())
            .field("at_time", MicroTime.builder().optional().build())
            .field("at_time_ms", Time.builder().optional().build())
            .field("at_time_ns", NanoTime.builder().optional().build())
            .field("local_at", MicroTimestamp.builder().optional().build())
            .field("local_at_ms", Timestamp.builder().optional().build())
            .field("local_at_ns", NanoTimestamp.builder().optional().build())
            .field("happened_at", ZonedTimestamp.builder().optional().build())
            .field("office_hours", ZonedTime.builder().optional().build())
            .field("doc", Json.builder().optional().build())
            .field("ref", Uuid.builder().optional().build())
            .field("status", io.debezium.data.Enum.builder("NEW,PAID").optional().build())
            .field("payload", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("note", SchemaBuilder.string().optional().defaultValue("n/a").build())
            .build();

    private static final Envelope ENVELOPE = Envelope.defineSchema()
            .withName("cutover.public.orders.Envelope").withRecord(ROW).withSource(SOURCE).build();

    private final SourceRecordConverter converter = converter(Map.of());

    private static SourceRecordConverter converter(Map<TableId, ReplicaIdentity> identities) {
        return new SourceRecordConverter(SystemSide.LEGACY, Map.of(TABLE, List.of("id")), identities,
                new CanonicalValues(CanonicalValues.DEFAULT_UNAVAILABLE_PLACEHOLDER));
    }

    @Test
    void insertCarriesEveryTypeAsItsCanonicalJavaValue() {
        Struct row = fullRow(1L);
        ChangeEvent event = converter.convert(envelope("c", null, row));

        assertThat(event.operation()).isEqualTo(Operation.CREATE);
        assertThat(event.origin()).isEqualTo(SystemSide.LEGACY);
        assertThat(event.table()).isEqualTo(TABLE);
        assertThat(event.keyColumns()).containsExactly("id");
        assertThat(event.before()).isNull();
        RowImage after = event.after();
        assertThat(after.columns()).containsExactlyElementsOf(ROW.fields().stream().map(f -> f.name()).toList());
        assertThat(after.get("id")).isEqualTo(1L);
        assertThat(after.get("small")).isEqualTo((short) 7);
        assertThat(after.get("tiny")).isEqualTo((short) 3);
        assertThat(after.get("qty")).isEqualTo(42);
        assertThat(after.get("ratio")).isEqualTo(0.5f);
        assertThat(after.get("score")).isEqualTo(2.25d);
        assertThat(after.get("active")).isEqualTo(true);
        assertThat(after.get("label")).isEqualTo("Grüße 😀");
        assertThat(after.get("amount")).isEqualTo(new BigDecimal("12.3400"));
        assertThat((BigDecimal) after.get("free_amount")).isEqualByComparingTo("-98765.4321");
        assertThat(after.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(after.get("at_time")).isEqualTo(LocalTime.of(13, 45, 30, 123_456_000));
        assertThat(after.get("at_time_ms")).isEqualTo(LocalTime.of(13, 45, 30, 123_000_000));
        assertThat(after.get("at_time_ns")).isEqualTo(LocalTime.of(13, 45, 30, 123_456_789));
        assertThat(after.get("local_at")).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000));
        assertThat(after.get("local_at_ms")).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_000_000));
        assertThat(after.get("local_at_ns")).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_789));
        assertThat(after.get("happened_at")).isEqualTo(Instant.parse("2024-02-29T11:45:30.123456Z"));
        assertThat(after.get("office_hours")).isEqualTo("08:00:00Z");
        assertThat(after.get("doc")).isEqualTo("{\"a\": [1, 2]}");
        assertThat(after.get("ref")).isEqualTo(UUID.fromString("0b3c7c5e-3f0e-4a7b-9c55-1d2e3f4a5b6c"));
        assertThat(after.get("status")).isEqualTo("PAID");
        assertThat((byte[]) after.get("payload")).containsExactly(0, 1, (byte) 0xFF);
        assertThat(after.get("note")).isEqualTo("hello");
    }

    @Test
    void positionCommitTimeAndTransactionComeFromTheSourceBlock() {
        ChangeEvent event = converter.convert(envelope("c", null, fullRow(1L)));

        assertThat(event.position()).isEqualTo(new SourcePosition("lsn", "0/16B3748"));
        assertThat(event.commitTime()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_456_000L));
        assertThat(event.transactionId()).isEqualTo("771");
    }

    @Test
    void rowReadByALoadTakesTheStreamingPositionItWasDeliveredAt() {
        Struct envelope = envelope("r", null, fullRow(1L));
        envelope.getStruct("source").put("lsn", null).put("txId", null).put("snapshot", "incremental");

        ChangeEvent event = converter.convert(envelope, 0x16B3750L);

        assertThat(event.operation()).isEqualTo(Operation.READ);
        assertThat(event.position()).isEqualTo(new SourcePosition("lsn", "0/16B3750"));
        assertThat(event.transactionId()).isNull();
        assertThatThrownBy(() -> converter.convert(envelope)).hasMessageContaining("the record carries no LSN");
    }

    @Test
    void commitTimeFallsBackToMillisecondsWhenMicrosecondsAreAbsent() {
        Struct envelope = envelope("c", null, fullRow(1L));
        envelope.getStruct("source").put("ts_us", null);

        assertThat(converter.convert(envelope).commitTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    }

    @Test
    void nullsStayNullEvenWhenTheColumnSchemaHasADefault() {
        Struct row = new Struct(ROW).put("id", 2L);

        RowImage after = converter.convert(envelope("c", null, row)).after();

        assertThat(after.size()).isEqualTo(ROW.fields().size());
        assertThat(after.has("note")).isTrue();
        assertThat(after.get("note")).isNull();
        assertThat(after.get("amount")).isNull();
        assertThat(after.get("happened_at")).isNull();
    }

    @Test
    void updateCarriesBothImagesWhenTheSourceLogsTheOldRow() {
        Struct before = fullRow(1L).put("label", "old");
        Struct after = fullRow(1L).put("label", "new");

        ChangeEvent event = converter.convert(envelope("u", before, after));

        assertThat(event.operation()).isEqualTo(Operation.UPDATE);
        assertThat(event.before().get("label")).isEqualTo("old");
        assertThat(event.after().get("label")).isEqualTo("new");
    }

    @Test
    void updateWithoutOldRowHasNoBeforeImage() {
        ChangeEvent event = converter.convert(envelope("u", null, fullRow(1L)));

        assertThat(event.before()).isNull();
        assertThat(event.after().get("id")).isEqualTo(1L);
    }

    @Test
    void deleteUnderDefaultReplicaIdentityKeepsOnlyTheKeyOfItsBeforeImage() {
        // What Debezium sends for REPLICA IDENTITY DEFAULT: the key, other columns filled with stand-ins.
        Struct before = new Struct(ROW).put("id", 5L).put("label", "");
        SourceRecordConverter defaultIdentity = converter(Map.of(TABLE, new ReplicaIdentity(ReplicaIdentity.Kind.DEFAULT, List.of("id"))));

        ChangeEvent event = defaultIdentity.convert(envelope("d", before, null));

        assertThat(event.operation()).isEqualTo(Operation.DELETE);
        assertThat(event.after()).isNull();
        assertThat(event.before()).isEqualTo(RowImage.builder().put("id", 5L).build());
        assertThat(event.key()).isEqualTo(RowImage.builder().put("id", 5L).build());
    }

    @Test
    void deleteUnderFullReplicaIdentityKeepsTheWholeBeforeImage() {
        ChangeEvent event = converter.convert(envelope("d", fullRow(5L), null));

        assertThat(event.before().size()).isEqualTo(ROW.fields().size());
        assertThat(event.before().get("label")).isEqualTo("Grüße 😀");
    }

    @Test
    void snapshotReadIsAReadWithoutTransaction() {
        Struct envelope = envelope("r", null, fullRow(9L));
        envelope.getStruct("source").put("txId", null);

        ChangeEvent event = converter.convert(envelope);

        assertThat(event.operation()).isEqualTo(Operation.READ);
        assertThat(event.transactionId()).isNull();
        assertThat(event.after().get("id")).isEqualTo(9L);
    }

    @Test
    void unchangedToastedValuesAreLeftOutOfTheImage() {
        Struct after = fullRow(1L).put("label", CanonicalValues.DEFAULT_UNAVAILABLE_PLACEHOLDER)
                .put("payload", ByteBuffer.wrap(CanonicalValues.DEFAULT_UNAVAILABLE_PLACEHOLDER.getBytes(StandardCharsets.UTF_8)))
                .put("doc", CanonicalValues.DEFAULT_UNAVAILABLE_PLACEHOLDER);

        RowImage image = converter.convert(envelope("u", null, after)).after();

        assertThat(image.has("label")).isFalse();
        assertThat(image.has("payload")).isFalse();
        assertThat(image.has("doc")).isFalse();
        assertThat(image.get("id")).isEqualTo(1L);
    }

    @Test
    void bytesAreCopiedOutOfTheRecordsBuffer() {
        byte[] original = {1, 2, 3};
        Struct after = fullRow(1L).put("payload", ByteBuffer.wrap(original));

        byte[] converted = (byte[]) converter.convert(envelope("c", null, after)).after().get("payload");
        original[0] = 9;

        assertThat(converted).containsExactly(1, 2, 3);
    }

    @Test
    void timestampsBeforeTheEpochKeepTheirFraction() {
        Struct after = fullRow(1L).put("local_at", -1L);

        assertThat(converter.convert(envelope("c", null, after)).after().get("local_at"))
                .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000));
    }

    @Test
    void unknownLogicalTypeIsRefusedNamingTableColumnTypeAndPosition() {
        Schema row = SchemaBuilder.struct().name("cutover.public.orders.Value")
                .field("id", Schema.INT64_SCHEMA)
                .field("wait", MicroDuration.builder().optional().build())
                .build();
        Envelope envelope = Envelope.defineSchema().withName("cutover.public.orders.Envelope").withRecord(row).withSource(SOURCE).build();
        Struct value = envelope.create(new Struct(row).put("id", 1L).put("wait", 5_000_000L), source(), Instant.now());

        assertThatThrownBy(() -> converter.convert(value))
                .isInstanceOf(ChangeConversionException.class)
                .hasMessageContaining("public.orders")
                .hasMessageContaining("'wait'")
                .hasMessageContaining("io.debezium.time.MicroDuration")
                .hasMessageContaining("lsn:0/16B3748")
                .satisfies(e -> {
                    ChangeConversionException c = (ChangeConversionException) e;
                    assertThat(c.table()).isEqualTo(TABLE);
                    assertThat(c.column()).isEqualTo("wait");
                    assertThat(c.schemaName()).isEqualTo(MicroDuration.SCHEMA_NAME);
                });
    }

    @Test
    void arrayColumnIsRefusedRatherThanStringified() {
        Schema row = SchemaBuilder.struct().name("cutover.public.orders.Value")
                .field("id", Schema.INT64_SCHEMA)
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
                .build();
        Envelope envelope = Envelope.defineSchema().withName("cutover.public.orders.Envelope").withRecord(row).withSource(SOURCE).build();
        Struct value = envelope.create(new Struct(row).put("id", 1L).put("tags", List.of("a")), source(), Instant.now());

        assertThatThrownBy(() -> converter.convert(value))
                .isInstanceOf(ChangeConversionException.class)
                .hasMessageContaining("'tags'")
                .hasMessageContaining("ARRAY");
    }

    @Test
    void malformedValueIsRefusedWithoutQuotingIt() {
        Struct after = fullRow(1L).put("ref", "not-a-uuid-secret");

        assertThatThrownBy(() -> converter.convert(envelope("c", null, after)))
                .isInstanceOf(ChangeConversionException.class)
                .hasMessageContaining("'ref'")
                .hasMessageNotContaining("not-a-uuid-secret");
    }

    @Test
    void timeOfTwentyFourHoursIsRefused() {
        Struct after = fullRow(1L).put("at_time", 86_400_000_000L);

        assertThatThrownBy(() -> converter.convert(envelope("c", null, after)))
                .isInstanceOf(ChangeConversionException.class)
                .hasMessageContaining("'at_time'")
                .hasMessageContaining("24:00:00");
    }

    @Test
    void changeOfATableThatIsNotCapturedIsRefused() {
        Struct envelope = envelope("c", null, fullRow(1L));
        envelope.getStruct("source").put("table", "elsewhere");

        assertThatThrownBy(() -> converter.convert(envelope))
                .isInstanceOf(ChangeConversionException.class)
                .hasMessageContaining("public.elsewhere")
                .hasMessageContaining("not one of the captured tables");
    }

    @Test
    void deleteWhoseBeforeImageLacksTheKeyIsRefusedNamingReplicaIdentity() {
        SourceRecordConverter byLabel = new SourceRecordConverter(SystemSide.LEGACY, Map.of(TABLE, List.of("label")),
                Map.of(TABLE, new ReplicaIdentity(ReplicaIdentity.Kind.DEFAULT, List.of("id"))),
                new CanonicalValues(CanonicalValues.DEFAULT_UNAVAILABLE_PLACEHOLDER));

        assertThatThrownBy(() -> byLabel.convert(envelope("d", new Struct(ROW).put("id", 5L), null)))
                .isInstanceOf(ChangeConversionException.class)
                .hasMessageContaining("lacks key column 'label'")
                .hasMessageContaining("REPLICA IDENTITY");
    }

    private static Struct fullRow(long id) {
        return new Struct(ROW)
                .put("id", id)
                .put("small", (short) 7)
                .put("tiny", (byte) 3)
                .put("qty", 42)
                .put("ratio", 0.5f)
                .put("score", 2.25d)
                .put("active", true)
                .put("label", "Grüße 😀")
                .put("amount", new BigDecimal("12.3400"))
                .put("free_amount", VariableScaleDecimal.fromLogical(VariableScaleDecimal.optionalSchema(), new BigDecimal("-98765.4321")))
                .put("day", (int) LocalDate.of(2024, 2, 29).toEpochDay())
                .put("at_time", LocalTime.of(13, 45, 30, 123_456_000).toNanoOfDay() / 1_000L)
                .put("at_time_ms", (int) (LocalTime.of(13, 45, 30, 123_000_000).toNanoOfDay() / 1_000_000L))
                .put("at_time_ns", LocalTime.of(13, 45, 30, 123_456_789).toNanoOfDay())
                .put("local_at", 1_709_214_330_123_456L)
                .put("local_at_ms", 1_709_214_330_123L)
                .put("local_at_ns", 1_709_214_330_123_456_789L)
                .put("happened_at", "2024-02-29T11:45:30.123456Z")
                .put("office_hours", "08:00:00Z")
                .put("doc", "{\"a\": [1, 2]}")
                .put("ref", "0b3c7c5e-3f0e-4a7b-9c55-1d2e3f4a5b6c")
                .put("status", "PAID")
                .put("payload", ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xFF}))
                .put("note", "hello");
    }

    private static Struct source() {
        return new Struct(SOURCE)
                .put("version", "3.5.0.Final")
                .put("ts_ms", COMMIT_MICROS / 1_000L)
                .put("ts_us", COMMIT_MICROS)
                .put("snapshot", "false")
                .put("db", "legacy")
                .put("schema", "public")
                .put("table", "orders")
                .put("txId", 771L)
                .put("lsn", LSN);
    }

    private static Struct envelope(String op, Struct before, Struct after) {
        Struct value = new Struct(ENVELOPE.schema())
                .put("op", op)
                .put("source", source())
                .put("ts_ms", System.currentTimeMillis());
        if (before != null) {
            value.put("before", before);
        }
        if (after != null) {
            value.put("after", after);
        }
        return value;
    }
}
