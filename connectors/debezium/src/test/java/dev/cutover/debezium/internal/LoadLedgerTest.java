package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.TableId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadLedgerTest {

    @Test
    void tablesSurviveFormattingSortedAndWithOddNames() {
        List<TableId> tables = List.of(new TableId("sales", "order-lines"), new TableId("public", "Orders x"), new TableId("public", "a.b"));

        String content = LoadLedger.format(tables);

        assertThat(content).startsWith("#").contains("public\tOrders x\n");
        assertThat(content.indexOf("public\ta.b")).isLessThan(content.indexOf("sales\torder-lines"));
        assertThat(LoadLedger.parse(content)).containsExactlyInAnyOrderElementsOf(tables);
    }

    @Test
    void emptyLedgerHasOnlyItsHeader() {
        assertThat(LoadLedger.parse(LoadLedger.format(List.of()))).isEmpty();
    }

    @Test
    void damagedLineIsReportedByNumber() {
        assertThatThrownBy(() -> LoadLedger.parse("# header\npublic\torders\nbroken\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3");
    }

    @Test
    void ledgerLivesBesideTheOffsetFile() {
        assertThat(LoadLedger.besides(Path.of("/var/lib/cutover/offsets/legacy.offsets")).file())
                .isEqualTo(Path.of("/var/lib/cutover/offsets/legacy.offsets.snapshots"));
    }
}
