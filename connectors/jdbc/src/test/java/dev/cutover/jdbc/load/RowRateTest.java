package dev.cutover.jdbc.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowRateTest {

    private long now = 1_000_000_000L;
    private final List<Long> slept = new ArrayList<>();

    private RowRate rate(int rowsPerSecond) {
        return new RowRate(rowsPerSecond, () -> now, nanos -> {
            slept.add(nanos);
            now += nanos;
        });
    }

    @Test
    void rowsAreDueAtEvenIntervalsFromTheFirstRequest() throws Exception {
        RowRate rate = rate(1_000);

        rate.acquire(500);
        rate.acquire(500);
        rate.acquire(500);

        assertThat(slept).as("the first 500 right away, each next 500 half a second after").containsExactly(500_000_000L, 500_000_000L);
    }

    @Test
    void timeSpentElsewhereCountsAndIsNotSavedUp() throws Exception {
        RowRate rate = rate(1_000);

        rate.acquire(500);
        now += 300_000_000L;
        rate.acquire(500);
        now += 5_000_000_000L;
        rate.acquire(500);
        rate.acquire(500);

        assertThat(slept).as("200 ms left of the half second; after a long pause no burst beyond the next 500")
                .containsExactly(200_000_000L, 500_000_000L);
    }

    @Test
    void unlimitedNeverWaits() throws Exception {
        RowRate rate = rate(0);

        rate.acquire(1_000_000);
        rate.acquire(1_000_000);

        assertThat(rate.unlimited()).isTrue();
        assertThat(slept).isEmpty();
        assertThat(RowRate.perSecond(0)).isSameAs(RowRate.UNLIMITED);
    }

    @Test
    void aReaderAsksForItsRowsAStepAtATime() throws Exception {
        RowRate rate = rate(1_000);

        for (long row = 0; row <= RowRate.STEP; row++) {
            rate.beforeRow(row);
        }

        assertThat(slept).as("the first step right away, the second when due").containsExactly(500_000_000L);
    }
}
