package dev.cutover.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.core.conflict.Conflict;
import dev.cutover.core.conflict.ConflictKind;
import dev.cutover.core.conflict.ConflictLogEntry;
import dev.cutover.core.conflict.ConflictPolicy;
import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.conflict.ConflictResolved;
import dev.cutover.core.conflict.HeldChange;
import dev.cutover.core.conflict.Resolution;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConflictDocumentTest {

    private static final TableId TABLE = new TableId("shop", "orders");
    private static final Instant COMMIT = Instant.parse("2024-05-06T07:00:00.000001Z");
    private static final Instant DETECTED = Instant.parse("2024-05-06T07:00:01.123456789Z");

    /** Every canonical value class, with values that lose something in careless JSON. */
    private static RowImage everyValueClass() {
        return RowImage.builder()
                .put("id", 7L)
                .put("none", null)
                .put("yes", true).put("no", false)
                .put("small", Short.MIN_VALUE).put("int", Integer.MAX_VALUE).put("long", Long.MIN_VALUE)
                .put("float", -1.5e-30f).put("float_tiny", Float.MIN_VALUE).put("float_max", Float.MAX_VALUE)
                .put("float_tenth", 0.1f).put("float_nan", Float.NaN).put("float_inf", Float.POSITIVE_INFINITY)
                .put("float_neg_zero", -0.0f)
                .put("double", 0.1).put("double_tiny", Double.MIN_VALUE).put("double_max", Double.MAX_VALUE)
                .put("double_nan", Double.NaN).put("double_neg_inf", Double.NEGATIVE_INFINITY).put("double_neg_zero", -0.0)
                .put("double_whole", 1e22)
                .put("price", new BigDecimal("1.50")).put("thousands", new BigDecimal("1E+3"))
                .put("huge", new BigDecimal("-123456789012345678901234.567891")).put("zero_scaled", new BigDecimal("0.000"))
                .put("text", "Grüße, 世界 \uD83D\uDE00 'q' \"dq\" \\ \n\t\u0000")
                .put("empty_text", "")
                .put("blob", new byte[] {0, -1, 127, -128, 42}).put("empty_blob", new byte[0])
                .put("ref", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))
                .put("day", LocalDate.of(1969, 12, 31)).put("far_day", LocalDate.of(10000, 1, 1))
                .put("midnight", LocalTime.MIDNIGHT).put("time", LocalTime.of(23, 59, 59, 999_999_999))
                .put("local_ts", LocalDateTime.of(1960, 1, 1, 0, 0)).put("local_ts_nanos", LocalDateTime.of(2038, 1, 19, 3, 14, 8, 1))
                .put("instant", Instant.parse("1969-12-31T23:59:59.999999999Z")).put("instant_whole", Instant.EPOCH)
                .build();
    }

    private static ChangeEvent update(RowImage before, RowImage after) {
        return ChangeEvent.update(SystemSide.NEW, TABLE, List.of("id"), before, after, COMMIT,
                new SourcePosition("binlog", "bin.000001:4"), "0-1-42");
    }

    private static RowImage row(long id, String status) {
        return RowImage.builder().put("id", id).put("status", status).put("total", new BigDecimal("10.00")).build();
    }

    private static ConflictRecord conflict(ConflictKind kind, ConflictPolicy policy, Resolution resolution, RowImage current) {
        Conflict conflict = new Conflict("orders", SystemSide.LEGACY, kind, update(row(7, "new"), row(7, "shipped")), current);
        return new ConflictRecord("0123456789abcdef", conflict, policy, resolution, DETECTED);
    }

    private static ConflictLogEntry roundTrip(ConflictLogEntry entry) {
        return ConflictDocument.decode(ConflictDocument.encode(entry));
    }

    @Test
    void everyCanonicalValueClassComesBackWithItsClassAndExactValue() {
        RowImage before = everyValueClass();
        RowImage after = RowImage.builder().put("id", 7L).put("price", new BigDecimal("2.500")).build();
        HeldChange held = new HeldChange("c1", 3, update(before, after));

        HeldChange decoded = (HeldChange) roundTrip(held);

        assertThat(decoded).isEqualTo(held);
        assertExactly(decoded.change().before(), before);
        assertExactly(decoded.change().after(), after);
    }

    @Test
    void aChangeKeepsEveryFieldIncludingAnAbsentBeforeImageAndTransaction() {
        RowImage after = RowImage.builder().put("tenant", "a").put("id", 1).put("note", null).build();
        ChangeEvent create = ChangeEvent.create(SystemSide.LEGACY, new TableId("", "Odd.Name"), List.of("tenant", "id"), after,
                Instant.parse("1969-07-20T20:17:40Z"), new SourcePosition("lsn", "0/16B3748"), null);
        ChangeEvent delete = ChangeEvent.delete(SystemSide.NEW, TABLE, List.of("id"), RowImage.builder().put("id", 9L).build(),
                COMMIT, SourcePosition.NONE, "tx");

        for (ChangeEvent change : List.of(create, delete)) {
            ChangeEvent decoded = ((HeldChange) roundTrip(new HeldChange("c", 1, change))).change();

            assertThat(decoded).isEqualTo(change);
            assertThat(decoded.keyColumns()).containsExactlyElementsOf(change.keyColumns());
            assertThat(decoded.transactionId()).isEqualTo(change.transactionId());
            assertExactlyOrNull(decoded.before(), change.before());
            assertExactlyOrNull(decoded.after(), change.after());
        }
    }

    @ParameterizedTest
    @EnumSource(ConflictKind.class)
    void aParkedConflictOfEveryKindComesBackWhole(ConflictKind kind) {
        RowImage current = kind == ConflictKind.UPDATE_MISSING ? null : row(7, "cancelled");
        ConflictRecord record = conflict(kind, ConflictPolicy.MANUAL, Resolution.park("waits for a person"), current);

        ConflictRecord decoded = (ConflictRecord) roundTrip(record);

        assertThat(decoded).isEqualTo(record);
        assertThat(decoded.parked()).isTrue();
        assertExactlyOrNull(decoded.conflict().current(), current);
        assertExactly(decoded.conflict().change().after(), record.conflict().change().after());
    }

    @ParameterizedTest
    @EnumSource(ConflictPolicy.class)
    void aDecidedConflictOfEveryPolicyComesBackWithItsResolution(ConflictPolicy policy) {
        RowImage merged = RowImage.builder().put("id", 7L).put("status", "shipped").put("total", new BigDecimal("12.30")).build();
        ConflictRecord record = conflict(ConflictKind.UPDATE_CHANGED, policy, Resolution.writeRow(merged, "merged"), row(7, "paid"));

        ConflictRecord decoded = (ConflictRecord) roundTrip(record);

        assertThat(decoded).isEqualTo(record);
        assertExactly(decoded.resolution().row(), merged);
    }

    @ParameterizedTest
    @EnumSource(value = Resolution.Decision.class, names = "PARK", mode = EnumSource.Mode.EXCLUDE)
    void aResolutionOfEveryDecisionComesBack(Resolution.Decision decision) {
        RowImage supplied = decision == Resolution.Decision.WRITE_ROW ? row(7, "by hand") : null;
        ConflictResolved resolved = new ConflictResolved("c9", new Resolution(decision, supplied, "resolved by ops"),
                Instant.parse("2024-05-07T00:00:00Z"));

        ConflictResolved decoded = (ConflictResolved) roundTrip(resolved);

        assertThat(decoded).isEqualTo(resolved);
        assertExactlyOrNull(decoded.resolution().row(), supplied);
    }

    @Test
    void theDocumentIsReadableJsonWithTypeImagesAndTypeMaps() throws Exception {
        ConflictRecord record = conflict(ConflictKind.UPDATE_CHANGED, ConflictPolicy.MANUAL, Resolution.park("manual policy"),
                row(7, "cancelled"));

        JsonNode doc = new ObjectMapper().readTree(ConflictDocument.encode(record));

        assertThat(doc.get("type").asText()).isEqualTo("conflict");
        assertThat(doc.get("id").asText()).isEqualTo("0123456789abcdef");
        assertThat(doc.get("binding").asText()).isEqualTo("orders");
        assertThat(doc.get("target").asText()).isEqualTo("legacy");
        assertThat(doc.get("kind").asText()).isEqualTo("update_changed");
        assertThat(doc.get("policy").asText()).isEqualTo("manual");
        assertThat(doc.get("detected_at").asText()).isEqualTo("2024-05-06T07:00:01.123456789Z");
        assertThat(doc.get("resolution").get("decision").asText()).isEqualTo("parked");
        assertThat(doc.get("resolution").get("reason").asText()).isEqualTo("manual policy");
        JsonNode change = doc.get("change");
        assertThat(change.get("schema").asText()).isEqualTo("shop");
        assertThat(change.get("table").asText()).isEqualTo("orders");
        assertThat(change.get("operation").asText()).isEqualTo("UPDATE");
        assertThat(change.get("origin").asText()).isEqualTo("new");
        assertThat(change.get("position").get("value").asText()).isEqualTo("bin.000001:4");
        assertThat(change.get("after").get("status").asText()).isEqualTo("shipped");
        assertThat(change.get("after").get("id").asLong()).isEqualTo(7);
        assertThat(change.get("after").get("total").asText()).isEqualTo("10.00");
        assertThat(change.get("after_types").get("total").asText()).isEqualTo("decimal");
        assertThat(change.get("after_types").get("id").asText()).isEqualTo("int64");
        assertThat(doc.get("current").get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void valuesJsonCannotCarryAsNumbersAreStrings() throws Exception {
        RowImage after = RowImage.builder().put("id", 1L).put("nan", Double.NaN).put("neg_zero", -0.0f).put("blob", new byte[] {1, 2, 3})
                .put("price", new BigDecimal("1.50")).put("ratio", 0.25).build();

        JsonNode image = new ObjectMapper().readTree(ConflictDocument.encode(new HeldChange("c", 1, update(null, after))))
                .get("change").get("after");

        assertThat(image.get("nan").asText()).isEqualTo("NaN");
        assertThat(image.get("neg_zero").asText()).isEqualTo("-0.0");
        assertThat(image.get("blob").asText()).isEqualTo("AQID");
        assertThat(image.get("price").isTextual()).isTrue();
        assertThat(image.get("ratio").isNumber()).isTrue();
        assertThat(image.get("ratio").asDouble()).isEqualTo(0.25);
    }

    @Test
    void aValueOfANonCanonicalClassIsRefusedWithItsColumn() {
        RowImage after = RowImage.builder().put("id", 1L).put("when", new java.util.Date(0)).build();

        assertThatThrownBy(() -> ConflictDocument.encode(new HeldChange("c", 1, update(null, after))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'when'")
                .hasMessageContaining("java.util.Date");
    }

    @Test
    void undecodableDocumentsAreRefusedNamingWhatDoesNotFit() throws Exception {
        byte[] good = ConflictDocument.encode(new HeldChange("c", 1, update(null, row(1, "secret-status"))));
        ObjectMapper mapper = new ObjectMapper();

        ObjectNode wrongType = (ObjectNode) mapper.readTree(good);
        wrongType.put("type", "nonsense");
        ObjectNode noConflictId = (ObjectNode) mapper.readTree(good);
        noConflictId.remove("conflict_id");
        ObjectNode mistyped = (ObjectNode) mapper.readTree(good);
        ((ObjectNode) mistyped.get("change").get("after_types")).put("status", "int32");
        ObjectNode untyped = (ObjectNode) mapper.readTree(good);
        ((ObjectNode) untyped.get("change").get("after_types")).remove("status");

        assertThatThrownBy(() -> ConflictDocument.decode("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> ConflictDocument.decode(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConflictDocument.decode(mapper.writeValueAsBytes(wrongType)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'type' is 'nonsense'");
        assertThatThrownBy(() -> ConflictDocument.decode(mapper.writeValueAsBytes(noConflictId)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'conflict_id' is missing");
        assertThatThrownBy(() -> ConflictDocument.decode(mapper.writeValueAsBytes(mistyped)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("change.after.status")
                .hasMessageContaining("int32").hasMessageNotContaining("secret-status");
        assertThatThrownBy(() -> ConflictDocument.decode(mapper.writeValueAsBytes(untyped)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("change.after_types");
    }

    private static void assertExactlyOrNull(RowImage actual, RowImage expected) {
        if (expected == null) {
            assertThat(actual).isNull();
        } else {
            assertExactly(actual, expected);
        }
    }

    /** Same columns in the same order, each value of the same class and equal (decimals with their scale, arrays by content). */
    private static void assertExactly(RowImage actual, RowImage expected) {
        assertThat(actual).isNotNull();
        assertThat(new ArrayList<>(actual.columns())).containsExactlyElementsOf(expected.columns());
        for (String column : expected.columns()) {
            Object want = expected.get(column);
            Object got = actual.get(column);
            if (want == null) {
                assertThat(got).as(column).isNull();
                continue;
            }
            assertThat(got).as(column).isNotNull();
            assertThat(got.getClass()).as(column).isEqualTo(want.getClass());
            if (want instanceof byte[] bytes) {
                assertThat(Arrays.equals((byte[]) got, bytes)).as(column).isTrue();
            } else {
                // equals: BigDecimal compares the scale too, Float/Double tell NaN and -0.0 apart
                assertThat(got).as(column).isEqualTo(want);
            }
        }
    }
}
