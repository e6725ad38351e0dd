package dev.cutover.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.deadletter.BlockKey;
import dev.cutover.core.deadletter.DeadLetterEntry;
import dev.cutover.core.deadletter.DeadLetterEntry.Closed;
import dev.cutover.core.deadletter.DeadLetterEntry.DeadLetter;
import dev.cutover.core.deadletter.DeadLetterEntry.HeldBehind;
import dev.cutover.core.deadletter.DeadLetterEntry.Outcome;
import dev.cutover.core.deadletter.DeadLetterEntry.Released;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeadLetterLogDocumentTest {

    private static final TableId TABLE = new TableId("public", "items");
    private static final Instant AT = Instant.parse("2024-05-06T07:00:01.123456789Z");

    private static ChangeEvent insert() {
        RowImage row = RowImage.builder().put("id", 7L).put("qty", 500).put("price", new BigDecimal("12345678901234567890.000001"))
                .put("ratio", Double.NaN).put("seen", LocalDateTime.parse("2024-05-06T07:00:00.000001"))
                .put("tag", UUID.fromString("0e0f2a66-6f10-4c4c-9d1d-0d7c1d5b1a11")).put("data", new byte[] {0, 1, -1})
                .put("note", null).build();
        return ChangeEvent.create(SystemSide.LEGACY, TABLE, List.of("id"), row, AT, new SourcePosition("lsn", "0/16B3748"), "771");
    }

    /** An update whose after image lacks the unchanged TOASTed column. */
    private static ChangeEvent partialUpdate() {
        return ChangeEvent.update(SystemSide.LEGACY, TABLE, List.of("id"), null, RowImage.builder().put("id", 7L).put("qty", 600).build(),
                AT, new SourcePosition("lsn", "0/16B3800"), null);
    }

    private static DeadLetterEntry roundTrip(DeadLetterEntry entry) {
        return DeadLetterLogDocument.decode(DeadLetterLogDocument.encode("shop", entry), "p0-1");
    }

    @Test
    void everyEntryDecodesBackIntoAnEqualEntryWithTheExactChange() {
        BlockKey key = new BlockKey("items", TABLE, RowImage.builder().put("id", 7L).build());
        List<DeadLetterEntry> entries = List.of(
                new DeadLetter("dl-1", "items", "apply", insert(), "check qty_small", AT, key, null, 0),
                new DeadLetter("dl-2", "items", "map", partialUpdate(), "no value for 600", AT, null, "dl-1", 3),
                new HeldBehind("dl-1", 2, DeadLetterEntry.STAGE_APPLY, partialUpdate(), AT),
                new Closed("dl-1", Outcome.DISCARDED, AT),
                new Released("dl-1", 2, AT));

        for (DeadLetterEntry entry : entries) {
            assertThat(roundTrip(entry)).isEqualTo(entry);
        }
    }

    @Test
    void aDeadLetterKeepsTheFieldsEarlierReadersKnow() {
        String doc = new String(DeadLetterLogDocument.encode("shop",
                new DeadLetter("dl-1", "items", "apply", insert(), "check qty_small", AT, null, null, 0)), StandardCharsets.UTF_8);

        assertThat(doc).contains("\"type\":\"dead_letter\"", "\"id\":\"dl-1\"", "\"bridge\":\"shop\"", "\"binding\":\"items\"",
                "\"stage\":\"apply\"", "\"reason\":\"check qty_small\"", "\"parked_at\":\"2024-05-06T07:00:01.123456789Z\"",
                "\"table\":\"public.items\"");
    }

    @Test
    void aSummaryWithoutTheChangeReadsAsADeadLetterThatCannotBeReplayed() {
        DeadLetter d = new DeadLetter("dl-1", "items", "publish", insert(), "too large", AT, null, null, 0);
        byte[] summary = DeadLetterDocument.ofChange("shop", "items", "publish", insert(), "too large", AT,
                DeadLetterDocument.Detail.WITHOUT_IMAGES);

        DeadLetterEntry read = DeadLetterLogDocument.decode(DeadLetterLogDocument.encodeSummary(d, summary), "p0-1");

        assertThat(read).isInstanceOfSatisfying(DeadLetter.class, r -> {
            assertThat(r.id()).isEqualTo("dl-1");
            assertThat(r.change()).isNull();
            assertThat(r.reason()).isEqualTo("too large");
        });
    }

    @Test
    void aDocumentWrittenBeforeTheLogHadTypesReadsAsADeadLetterNamedByItsPlace() {
        byte[] old = DeadLetterDocument.ofChange("shop", "items", "apply", insert(), "check", AT);

        assertThat(DeadLetterLogDocument.decode(old, "p0-42")).isEqualTo(
                new DeadLetter("p0-42", "items", "apply", null, "check", AT, null, null, 0));
    }

    @Test
    void aDocumentOfAnUnknownTypeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> DeadLetterLogDocument.decode("{\"type\":\"other\"}".getBytes(StandardCharsets.UTF_8), "p0-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'type' is 'other'");
    }
}
