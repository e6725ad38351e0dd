package dev.cutover.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryEntryTest {

    private static final Instant NOW = Instant.parse("2024-06-01T08:00:00Z");

    @Test
    void detailsKeepTheirOrderAndCannotBeChangedAfterwards() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("zeta", "1");
        details.put("alpha", "2");
        HistoryEntry entry = new HistoryEntry(NOW, "items", "switch-drain", HistoryOutcome.DONE, "drained", details);
        details.put("late", "3");

        assertThat(entry.details().keySet()).containsExactly("zeta", "alpha");
        assertThatThrownBy(() -> entry.details().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(entry.bridgeLevel()).isFalse();
    }

    @Test
    void anEventThatIsNotKebabCaseIsRefusedByName() {
        assertThatThrownBy(() -> HistoryEntry.ofBridge(NOW, "Bridge Start", HistoryOutcome.DONE, "started"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Bridge Start'").hasMessageContaining("kebab-case");
        assertThatThrownBy(() -> HistoryEntry.ofBridge(NOW, "pause-", HistoryOutcome.DONE, "paused"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlankBindingOrANullDetailIsRefused() {
        assertThatThrownBy(() -> new HistoryEntry(NOW, " ", "pause", HistoryOutcome.DONE, "paused", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank binding");
        Map<String, String> details = new HashMap<>();
        details.put("reason", null);
        assertThatThrownBy(() -> new HistoryEntry(NOW, "items", "pause", HistoryOutcome.DONE, "paused", details))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null detail");
    }

    @Test
    void outcomesResolveByTheirLabels() {
        for (HistoryOutcome o : HistoryOutcome.values()) {
            assertThat(HistoryOutcome.fromLabel(o.label())).isEqualTo(o);
        }
        assertThat(HistoryOutcome.fromLabel("finished")).isNull();
    }
}
