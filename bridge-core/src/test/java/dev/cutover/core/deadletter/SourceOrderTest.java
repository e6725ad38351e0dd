package dev.cutover.core.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceOrderTest {

    private static ChangeEvent at(String kind, String position, String commit) {
        return ChangeEvent.create(SystemSide.LEGACY, DeadLetterFixtures.TABLE, List.of("id"), RowImage.builder().put("id", 1L).build(),
                Instant.parse(commit), new SourcePosition(kind, position), "tx");
    }

    @Test
    void postgresPositionsCompareAsNumbersNotAsText() {
        ChangeEvent early = at("lsn", "0/FFFFFFFF", "2024-05-01T12:00:00Z");
        ChangeEvent late = at("lsn", "1/0", "2024-05-01T12:00:00Z");

        assertThat(SourceOrder.compare(early, late)).isNegative();
        assertThat(SourceOrder.compare(late, early)).isPositive();
    }

    @Test
    void binlogPositionsCompareByFileThenPositionThenRow() {
        assertThat(SourceOrder.compare(at("binlog", "mysql-bin.000002:900:1", "2024-05-01T12:00:00Z"),
                at("binlog", "mysql-bin.000002:1000:0", "2024-05-01T12:00:00Z"))).isNegative();
        assertThat(SourceOrder.compare(at("binlog", "mysql-bin.000002:1000:2", "2024-05-01T12:00:00Z"),
                at("binlog", "mysql-bin.000002:1000:1", "2024-05-01T12:00:00Z"))).isPositive();
        assertThat(SourceOrder.compare(at("binlog", "mysql-bin.000003:4:0", "2024-05-01T12:00:00Z"),
                at("binlog", "mysql-bin.000002:1000:0", "2024-05-01T12:00:00Z"))).isPositive();
    }

    @Test
    void positionsOfOtherKindsFallBackToCommitTimesAndTiesKeepTheirOrder() {
        ChangeEvent first = at("batch", "b", "2024-05-01T12:00:00Z");
        ChangeEvent second = at("batch", "a", "2024-05-01T12:00:00Z");
        ChangeEvent earliest = at("batch", "c", "2024-05-01T11:00:00Z");

        assertThat(SourceOrder.compare(first, second)).isZero();
        assertThat(SourceOrder.sorted(List.of(first, second, earliest), c -> c)).containsExactly(earliest, first, second);
    }
}
