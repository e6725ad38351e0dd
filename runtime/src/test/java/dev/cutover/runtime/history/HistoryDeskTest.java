package dev.cutover.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.lifecycle.HistoryEntry;
import dev.cutover.core.lifecycle.HistoryOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryDeskTest {

    private static final Instant NOW = Instant.parse("2024-06-01T08:00:00Z");

    private final List<HistoryEntry> stored = new ArrayList<>();
    private final HistoryDesk desk = new HistoryDesk(stored::add,
            binding -> stored.stream().filter(e -> binding == null || binding.equals(e.binding())).toList(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theStartNamesEveryBindingWithItsDirectionInOrderAndTheStopSaysWhetherItDrained() throws Exception {
        Map<String, String> directions = new LinkedHashMap<>();
        directions.put("orders", "legacy-to-new");
        directions.put("audit", "none");

        desk.bridgeStarted("shop", directions);
        desk.bridgeStopped("shop", Duration.ofSeconds(30));
        desk.bridgeStopped("shop", Duration.ZERO);

        assertThat(stored).extracting(HistoryEntry::event).containsExactly("bridge-start", "bridge-stop", "bridge-stop");
        assertThat(stored).allSatisfy(e -> {
            assertThat(e.time()).isEqualTo(NOW);
            assertThat(e.bridgeLevel()).isTrue();
            assertThat(e.outcome()).isEqualTo(HistoryOutcome.DONE);
        });
        assertThat(stored.get(0).details()).containsExactly(Map.entry("orders", "legacy-to-new"), Map.entry("audit", "none"));
        assertThat(stored.get(0).message()).isEqualTo("bridge 'shop' started with 2 binding(s)");
        assertThat(stored.get(1).message()).contains("after draining");
        assertThat(stored.get(1).details()).containsEntry("drain-timeout", "PT30S");
        assertThat(stored.get(2).message()).contains("without draining");
    }

    @Test
    void theListServesEachEntryAsADocumentOldestFirstOptionallyOfOneBinding() throws Exception {
        desk.bridgeStarted("shop", Map.of("orders", "two-way"));
        desk.record("orders", "pause", HistoryOutcome.DONE, "paused by ops", Map.of("by", "cli"));

        List<Map<String, Object>> all = desk.list(null);
        List<Map<String, Object>> orders = desk.list("orders");

        assertThat(all).extracting(d -> d.get("event")).containsExactly("bridge-start", "pause");
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0)).containsExactly(Map.entry("time", "2024-06-01T08:00:00Z"), Map.entry("binding", "orders"),
                Map.entry("event", "pause"), Map.entry("outcome", "done"), Map.entry("message", "paused by ops"),
                Map.entry("details", Map.of("by", "cli")));
        assertThat(all.get(0)).containsEntry("binding", null);
    }
}
