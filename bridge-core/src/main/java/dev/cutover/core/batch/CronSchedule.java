package dev.cutover.core.batch;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;

/**
 * A five-field cron expression, {@code minute hour day-of-month month day-of-week}, each field
 * {@code *}, a number, a range {@code a-b}, a step <code>*&#47;n</code>, {@code a/n} or {@code a-b/n}, or a
 * comma-separated list of these. Day of week runs 0-7 with both 0 and 7 Sunday. As in classic cron,
 * when both day fields are restricted (neither starts with {@code *}) a day matching either fires.
 * Evaluated in the zone of the time it is asked from. Immutable and thread-safe.
 */
public final class CronSchedule implements Schedule {

    /** How far ahead {@link #nextAfter} looks: a leap day on a given weekday repeats within 28 years. */
    private static final int SEARCH_YEARS = 29;

    private static final List<Field> FIELDS = List.of(new Field("minute", 0, 59), new Field("hour", 0, 23),
            new Field("day-of-month", 1, 31), new Field("month", 1, 12), new Field("day-of-week", 0, 7));

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean eitherDay;

    private CronSchedule(String text, BitSet[] sets, boolean eitherDay) {
        this.text = text;
        this.minutes = sets[0];
        this.hours = sets[1];
        this.daysOfMonth = sets[2];
        this.months = sets[3];
        this.daysOfWeek = sets[4];
        this.eitherDay = eitherDay;
    }

    /**
     * Parses a five-field expression.
     *
     * @throws IllegalArgumentException naming the field and what is wrong with it
     */
    public static CronSchedule parse(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != FIELDS.size()) {
            throw new IllegalArgumentException("'" + text + "' is neither an ISO-8601 duration such as PT15M nor a cron"
                    + " expression of 5 fields (minute hour day-of-month month day-of-week); it has " + parts.length
                    + " field" + (parts.length == 1 ? "" : "s"));
        }
        BitSet[] sets = new BitSet[parts.length];
        for (int i = 0; i < parts.length; i++) {
            sets[i] = FIELDS.get(i).parse(parts[i], text);
        }
        if (sets[4].get(7)) {
            sets[4].set(0);
        }
        boolean eitherDay = !parts[2].startsWith("*") && !parts[4].startsWith("*");
        return new CronSchedule(text.trim(), sets, eitherDay);
    }

    @Override
    public ZonedDateTime nextAfter(ZonedDateTime time) {
        ZonedDateTime t = time.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = t.plusYears(SEARCH_YEARS);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(t.getZone());
            } else if (!dayMatches(t)) {
                t = t.toLocalDate().plusDays(1).atStartOfDay(t.getZone());
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t;
            }
        }
        throw new IllegalStateException("cron expression '" + text + "' never fires after " + time);
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        DayOfWeek day = t.getDayOfWeek();
        boolean dow = daysOfWeek.get(day == DayOfWeek.SUNDAY ? 0 : day.getValue());
        return eitherDay ? dom || dow : dom && dow;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "cron '" + text + "'";
    }

    /** One field's name and bounds, and the parser of its text. */
    private record Field(String name, int min, int max) {

        BitSet parse(String field, String expression) {
            BitSet set = new BitSet(max + 1);
            for (String item : field.split(",", -1)) {
                addItem(item, set, expression);
            }
            return set;
        }

        private void addItem(String item, BitSet set, String expression) {
            int slash = item.indexOf('/');
            String range = slash < 0 ? item : item.substring(0, slash);
            int step = slash < 0 ? 1 : number(item.substring(slash + 1), expression, "step");
            if (step < 1) {
                throw problem(expression, "step '" + item.substring(slash + 1) + "' must be 1 or more");
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.indexOf('-') > 0) {
                from = bounded(range.substring(0, range.indexOf('-')), expression);
                to = bounded(range.substring(range.indexOf('-') + 1), expression);
                if (from > to) {
                    throw problem(expression, "range '" + range + "' runs backwards");
                }
            } else {
                from = bounded(range, expression);
                // "a/n" means from a to the end, as in Vixie cron.
                to = slash < 0 ? from : max;
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }

        private int bounded(String text, String expression) {
            int value = number(text, expression, "value");
            if (value < min || value > max) {
                throw problem(expression, "value " + value + " is outside " + min + "-" + max);
            }
            return value;
        }

        private int number(String text, String expression, String what) {
            if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 4) {
                throw problem(expression, what + " '" + text + "' is not a number");
            }
            return Integer.parseInt(text);
        }

        private IllegalArgumentException problem(String expression, String what) {
            return new IllegalArgumentException("cron expression '" + expression + "': " + name + " field: " + what
                    + " (fields are minute 0-59, hour 0-23, day-of-month 1-31, month 1-12, day-of-week 0-7 with 0 and 7"
                    + " Sunday; each *, a, a-b, */n, a/n or a-b/n, or a comma-separated list)");
        }
    }
}
