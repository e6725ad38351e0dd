package dev.cutover.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private static ZonedDateTime at(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), UTC);
    }

    private static ZonedDateTime next(String cron, String after) {
        return Schedule.parse(cron).nextAfter(at(after));
    }

    @Test
    void durationFiresThatLongAfterTheGivenTime() {
        Schedule s = Schedule.parse("PT15M");
        assertThat(s).isEqualTo(new IntervalSchedule(Duration.ofMinutes(15)));
        assertThat(s.nextAfter(at("2024-03-01T10:07:30"))).isEqualTo(at("2024-03-01T10:22:30"));
    }

    @Test
    void everyMinuteFiresAtTheNextWholeMinute() {
        assertThat(next("* * * * *", "2024-03-01T10:07:30")).isEqualTo(at("2024-03-01T10:08"));
        assertThat(next("* * * * *", "2024-03-01T10:07")).isEqualTo(at("2024-03-01T10:08"));
    }

    @Test
    void stepsCountFromTheStartOfTheField() {
        assertThat(next("*/15 * * * *", "2024-03-01T10:07")).isEqualTo(at("2024-03-01T10:15"));
        assertThat(next("*/15 * * * *", "2024-03-01T10:45")).isEqualTo(at("2024-03-01T11:00"));
        assertThat(next("5/20 * * * *", "2024-03-01T10:26")).isEqualTo(at("2024-03-01T10:45"));
        assertThat(next("0 8-18/4 * * *", "2024-03-01T12:00")).isEqualTo(at("2024-03-01T16:00"));
        assertThat(next("0 8-18/4 * * *", "2024-03-01T16:00")).isEqualTo(at("2024-03-02T08:00"));
    }

    @Test
    void listsAndRangesCombine() {
        assertThat(next("0,30 9,17 * * *", "2024-03-01T09:30")).isEqualTo(at("2024-03-01T17:00"));
        assertThat(next("0 2 * * 1-5", "2024-03-01T03:00")).as("Friday 1 March 2024 -> Monday")
                .isEqualTo(at("2024-03-04T02:00"));
    }

    @Test
    void dailyJobRollsOverMonthAndYearEnds() {
        assertThat(next("30 2 * * *", "2024-12-31T02:30")).isEqualTo(at("2025-01-01T02:30"));
        assertThat(next("0 0 1 * *", "2024-01-31T12:00")).isEqualTo(at("2024-02-01T00:00"));
    }

    @Test
    void dayOfMonthSkipsMonthsWithoutIt() {
        assertThat(next("0 12 31 * *", "2024-04-01T00:00")).isEqualTo(at("2024-05-31T12:00"));
        assertThat(next("0 0 29 2 *", "2024-03-01T00:00")).isEqualTo(at("2028-02-29T00:00"));
    }

    @Test
    void sundayIsBothZeroAndSeven() {
        // 3 March 2024 is a Sunday.
        assertThat(next("0 6 * * 0", "2024-03-01T00:00")).isEqualTo(at("2024-03-03T06:00"));
        assertThat(next("0 6 * * 7", "2024-03-01T00:00")).isEqualTo(at("2024-03-03T06:00"));
    }

    @Test
    void restrictedDayOfMonthAndDayOfWeekFireOnEither() {
        // The 15th, or any Monday: from Friday 1 March 2024 the next is Monday the 4th, then the 11th, then the 15th.
        assertThat(next("0 0 15 * 1", "2024-03-01T00:00")).isEqualTo(at("2024-03-04T00:00"));
        assertThat(next("0 0 15 * 1", "2024-03-11T00:00")).isEqualTo(at("2024-03-15T00:00"));
        // With a star in one day field only the other restricts: the 15th, whatever weekday.
        assertThat(next("0 0 15 * *", "2024-03-01T00:00")).isEqualTo(at("2024-03-15T00:00"));
    }

    @Test
    void monthFieldRestrictsTheMonth() {
        assertThat(next("0 0 1 1,7 *", "2024-02-10T00:00")).isEqualTo(at("2024-07-01T00:00"));
    }

    @Test
    void skipsTheHourThatDaylightSavingOmits() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // On 31 March 2024 Berlin jumps from 02:00 to 03:00.
        ZonedDateTime next = Schedule.parse("30 * * * *")
                .nextAfter(ZonedDateTime.of(java.time.LocalDateTime.parse("2024-03-31T01:45"), berlin));
        assertThat(next.toLocalDateTime()).isEqualTo(java.time.LocalDateTime.parse("2024-03-31T03:30"));
    }

    @Test
    void badExpressionsNameTheFieldAndTheProblem() {
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("* * * *"))
                .withMessageContaining("5 fields").withMessageContaining("it has 4 fields");
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("0 24 * * *"))
                .withMessageContaining("hour field: value 24 is outside 0-23");
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("*/0 * * * *"))
                .withMessageContaining("minute field: step '0' must be 1 or more");
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("0 0 10-5 * *"))
                .withMessageContaining("day-of-month field: range '10-5' runs backwards");
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("0 0 * JAN *"))
                .withMessageContaining("month field: value 'JAN' is not a number");
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("PT-5M"))
                .withMessageContaining("must be positive");
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("P1X"))
                .withMessageContaining("ISO-8601 duration");
    }

    @Test
    void impossibleDateNeverFires() {
        Schedule s = Schedule.parse("0 0 30 2 *");
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> s.nextAfter(at("2024-01-01T00:00")))
                .withMessageContaining("never fires");
    }
}
