package dev.cutover.config.internal;

import dev.cutover.core.batch.BatchSpec;
import dev.cutover.core.batch.Schedule;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** A batch binding's {@code batch} section: when it copies, and whether by a watermark. Stateless. */
final class BatchSection {

    static final Key<Schedule> SCHEDULE = Key.required("schedule", new ScheduleType(),
            "When copies run, the first at start: an ISO-8601 duration such as `PT15M` waits that long after each copy"
                    + " ends; a cron expression `minute hour day-of-month month day-of-week` (UTC) fires at the times it"
                    + " matches.");
    static final Key<String> WATERMARK = Key.optional("watermark", Types.string(),
            "A source column (integer, decimal, date or timestamp) that grows whenever a row changes, such as"
                    + " `updated_at`: each copy takes only rows whose value is at least the last copy's greatest, and"
                    + " cannot see deleted rows; without it every copy reads the whole table and deletes target rows"
                    + " whose source row is gone.")
            .withDefaultText("none: full copy");
    static final Key<Integer> PAGE_SIZE = Key.withDefault("page-size", Types.integer(), BatchSpec.DEFAULT_PAGE_SIZE,
            "Rows read, mapped and published to Kafka together.")
            .validatedBy(Validators.range(1, 1_000_000));

    static final Section SECTION = new Section("bindings[].batch",
            "How a `mode: batch` binding copies its source table on a schedule, for databases whose log may not be"
                    + " read. Copies go through the same mapping, topic and applier as streamed changes. Only batch"
                    + " bindings take this section, and they must.",
            List.of(SCHEDULE, WATERMARK, PAGE_SIZE));
    static final SectionType<BatchSpec> TYPE = SectionType.of(SECTION, BatchSection::assemble);

    private BatchSection() {
    }

    private static BatchSpec assemble(Values v) {
        if (!v.complete()) {
            return null;
        }
        return new BatchSpec(v.get(SCHEDULE), v.get(WATERMARK), v.get(PAGE_SIZE));
    }

    /** A schedule; reports the parser's own message, which names the cron field that is wrong. */
    private static final class ScheduleType implements ValueType<Schedule> {

        /** Any fixed time will do to find a cron expression that never fires (30 February). */
        private static final ZonedDateTime PROBE = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

        @Override
        public String typeName() {
            return "duration (ISO-8601) or cron expression";
        }

        @Override
        public String expected() {
            return Types.string().expected();
        }

        @Override
        public Schedule read(Node node, String path, ParseContext ctx) {
            String text = Types.string().read(node, path, ctx);
            if (text == null) {
                return null;
            }
            try {
                Schedule schedule = Schedule.parse(text);
                schedule.nextAfter(PROBE);
                return schedule;
            } catch (IllegalArgumentException | IllegalStateException e) {
                ctx.problem(node, path, e.getMessage());
                return null;
            }
        }

        @Override
        public String render(Schedule value) {
            return value.text();
        }

        @Override
        public String allowed() {
            return "positive duration, or 5 cron fields each `*`, `a`, `a-b`, `*/n`, `a/n`, `a-b/n` or a list of these";
        }
    }
}
