package dev.cutover.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.lifecycle.HistoryEntry;
import dev.cutover.core.lifecycle.HistoryOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryDocumentTest {

    private static final Instant TIME = Instant.parse("2024-06-01T08:00:00.000000123Z");

    @Test
    void anEntryOfABindingRoundTripsWithItsDetailsInOrder() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("took", "PT1.5S");
        details.put("rows", "42");
        details.put("ähm", "\"quoted\"\nline");
        HistoryEntry entry = new HistoryEntry(TIME, "items", "switch-drain", HistoryOutcome.DONE, "drained in 1.5 s", details);

        HistoryEntry read = HistoryDocument.decode(HistoryDocument.encode(entry));

        assertThat(read).isEqualTo(entry);
        assertThat(read.details().keySet()).containsExactly("took", "rows", "ähm");
    }

    @Test
    void aBridgeLevelEntryRoundTripsWithANullBinding() {
        HistoryEntry entry = HistoryEntry.ofBridge(TIME, "bridge-stop", HistoryOutcome.INFO, "stopped");

        String json = new String(HistoryDocument.encode(entry), StandardCharsets.UTF_8);

        assertThat(json).contains("\"binding\":null", "\"outcome\":\"info\"", "\"time\":\"2024-06-01T08:00:00.000000123Z\"");
        assertThat(HistoryDocument.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(entry);
    }

    @Test
    void aDocumentThatDoesNotFitNamesTheField() {
        assertThatThrownBy(() -> decode("{\"time\":\"2024-06-01T08:00:00Z\",\"event\":\"pause\",\"outcome\":\"finished\",\"message\":\"m\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'outcome' is 'finished'");
        assertThatThrownBy(() -> decode("{\"time\":\"yesterday\",\"event\":\"pause\",\"outcome\":\"done\",\"message\":\"m\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'time'");
        assertThatThrownBy(() -> decode("{\"time\":\"2024-06-01T08:00:00Z\",\"outcome\":\"done\",\"message\":\"m\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'event' is missing");
        assertThatThrownBy(() -> decode("{\"time\":\"2024-06-01T08:00:00Z\",\"event\":\"pause\",\"outcome\":\"done\",\"message\":\"m\","
                + "\"details\":{\"n\":1}}")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detail 'n'");
        assertThatThrownBy(() -> decode("[1]")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> decode("{nope")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid JSON");
    }

    private static HistoryEntry decode(String json) {
        return HistoryDocument.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
