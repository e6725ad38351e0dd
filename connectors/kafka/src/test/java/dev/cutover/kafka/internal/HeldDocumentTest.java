package dev.cutover.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldDocumentTest {

    @Test
    void aHeldChangeComesBackExactlyAsCapturedWithColumnsTheMappingDidNotKnow() {
        RowImage before = RowImage.builder().put("id", 7).put("amount", new BigDecimal("12345678901234.50")).build();
        RowImage after = RowImage.builder().put("id", 7).put("amount", new BigDecimal("1.10")).put("discount", (short) 5)
                .put("day", LocalDate.of(2024, 2, 29)).put("note", null).build();
        ChangeEvent update = ChangeEvent.update(SystemSide.LEGACY, new TableId("public", "ord"), List.of("id"), before, after,
                Instant.parse("2024-05-06T07:00:00.000001Z"), new SourcePosition("lsn", "0/16B3748"), "901");

        HeldDocument.Entry entry = HeldDocument.decode(HeldDocument.held("orders", update));

        assertThat(entry.binding()).isEqualTo("orders");
        assertThat(entry.change()).isEqualTo(update);
        assertThat(entry.change().after().get("discount")).isInstanceOf(Short.class);
        assertThat(entry.through()).isEqualTo(-1);
    }

    @Test
    void aReleaseNoteNamesTheBindingAndTheLastOffsetItReleases() {
        HeldDocument.Entry entry = HeldDocument.decode(HeldDocument.released("orders", 41));

        assertThat(entry.binding()).isEqualTo("orders");
        assertThat(entry.change()).isNull();
        assertThat(entry.through()).isEqualTo(41);
    }

    @Test
    void anythingElseIsRefusedNamingTheFieldAtFault() {
        assertThatThrownBy(() -> HeldDocument.decode("{\"type\":\"other\",\"binding\":\"b\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("field 'type'");
        assertThatThrownBy(() -> HeldDocument.decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'binding'");
        assertThatThrownBy(() -> HeldDocument.decode("{".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("invalid JSON");
    }
}
