package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.core.batch.BatchSpec;
import dev.cutover.core.batch.CronSchedule;
import dev.cutover.core.batch.IntervalSchedule;
import dev.cutover.core.batch.Schedule;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.binding.SyncMode;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.TableMappingSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code mode: batch} and its {@code batch} section: what valid files load into, and every rejection with its path. */
class BatchConfigTest {

    private static String batch(String direction, String extra) {
        return Configs.MINIMAL.replace("direction: legacy-to-new", "direction: " + direction) + extra.indent(4);
    }

    private static String batch(String extra) {
        return batch("legacy-to-new", extra);
    }

    @Test
    void fullCopyOnAnInterval() throws ConfigException {
        BindingOptions binding = Configs.parse(batch("mode: batch\nbatch: { schedule: PT15M }")).bindings().get(0);

        assertThat(binding.mode()).isEqualTo(SyncMode.BATCH);
        assertThat(binding.batched()).isTrue();
        assertThat(binding.batch()).isEqualTo(new BatchSpec(new IntervalSchedule(Duration.ofMinutes(15)), null, 5000));
        assertThat(binding.batch().incremental()).isFalse();
    }

    @Test
    void incrementalCopyOnACronScheduleFromTheNewSide() throws ConfigException {
        BindingOptions binding = Configs.parse(batch("new-to-legacy", """
                mode: batch
                batch:
                  schedule: "*/10 6-22 * * 1-5"
                  watermark: updated_at
                  page-size: 200
                """)).bindings().get(0);

        BatchSpec spec = binding.batch();
        assertThat(spec.schedule()).isInstanceOf(CronSchedule.class).extracting(Schedule::text).isEqualTo("*/10 6-22 * * 1-5");
        assertThat(spec.watermark()).isEqualTo("updated_at");
        assertThat(spec.pageSize()).isEqualTo(200);
        assertThat(spec.incremental()).isTrue();
    }

    @Test
    void streamBindingsHaveNoBatchSettings() throws ConfigException {
        assertThat(Configs.parse(Configs.MINIMAL).bindings().get(0).batch()).isNull();
    }

    @Test
    void batchAndStreamBindingsMixInOneFile() throws ConfigException {
        BridgeConfig config = Configs.parse(Configs.MINIMAL + """
                  - name: orders
                    legacy: public.ord_mstr
                    new: public.orders
                    direction: legacy-to-new
                    mode: batch
                    batch: { schedule: PT1H, watermark: upd_ts }
                """);

        assertThat(config.bindings()).extracting(BindingOptions::name, BindingOptions::mode, BindingOptions::batched)
                .containsExactly(tuple("customers", SyncMode.STREAM, false), tuple("orders", SyncMode.BATCH, true));
    }

    @Test
    void batchOnATwoWayBindingIsRejected() {
        assertThat(Configs.rejection(batch("two-way", "mode: batch\nbatch: { schedule: PT1M }")).problems())
                .extracting(ConfigProblem::path, ConfigProblem::message)
                .containsExactly(tuple("bindings[0].mode", "batch copies one way only, but bindings[0].direction is two-way;"
                        + " use legacy-to-new or new-to-legacy, or mode: stream"));
    }

    @Test
    void batchOnANoneBindingIsRejected() {
        assertThat(Configs.rejection(batch("none", "mode: batch\nbatch: { schedule: PT1M }")).problems())
                .extracting(ConfigProblem::path).contains("bindings[0].mode");
    }

    @Test
    void batchSectionWithoutBatchModeIsRejected() {
        assertThat(Configs.rejection(batch("batch: { schedule: PT1M }")).problems())
                .extracting(ConfigProblem::path, ConfigProblem::message)
                .containsExactly(tuple("bindings[0].batch", "only applies to mode: batch, but bindings[0].mode is stream"
                        + " (the default); remove batch or set mode: batch"));
        assertThat(Configs.rejection(batch("mode: stream\nbatch: { schedule: PT1M }")).problems())
                .extracting(ConfigProblem::message).singleElement().asString().contains("mode is stream; remove batch");
    }

    @Test
    void batchModeNeedsASchedule() {
        assertThat(Configs.rejection(batch("mode: batch")).problems()).extracting(ConfigProblem::path, ConfigProblem::message)
                .containsExactly(tuple("bindings[0].batch", "mode: batch needs a batch section with at least a schedule,"
                        + " e.g. batch: { schedule: PT15M }"));
        assertThat(Configs.rejection(batch("mode: batch\nbatch: { watermark: upd }")).problems())
                .extracting(ConfigProblem::path).containsExactly("bindings[0].batch.schedule");
    }

    @Test
    void badSchedulesNameWhatIsWrong() {
        assertThat(scheduleProblem("PT0S")).contains("the interval must be positive");
        assertThat(scheduleProblem("P1Q")).contains("'P1Q' is not an ISO-8601 duration such as PT15M");
        assertThat(scheduleProblem("every hour")).contains("5 fields").contains("it has 2 fields");
        assertThat(scheduleProblem("0 25 * * *")).contains("hour field: value 25 is outside 0-23");
        assertThat(scheduleProblem("0 0 30 2 *")).contains("never fires");
    }

    private static String scheduleProblem(String schedule) {
        List<ConfigProblem> problems = Configs.rejection(batch("mode: batch\nbatch: { schedule: \"" + schedule + "\" }"))
                .problems();
        assertThat(problems).extracting(ConfigProblem::path).containsExactly("bindings[0].batch.schedule");
        return problems.get(0).message();
    }

    @Test
    void badPageSizesAndUnknownKeysAreRejected() {
        assertThat(Configs.rejection(batch("mode: batch\nbatch: { schedule: PT1M, page-size: 0 }")).problems())
                .extracting(ConfigProblem::path).containsExactly("bindings[0].batch.page-size");
        assertThat(Configs.rejection(batch("mode: batch\nbatch: { schedule: PT1M, every: PT1M }")).problems())
                .extracting(ConfigProblem::path, ConfigProblem::message).containsExactly(tuple("bindings[0].batch.every",
                        "unknown key; known keys here: schedule, watermark, page-size"));
    }

    @Test
    void describeShowsTheBatchSection() throws ConfigException {
        String described = Configs.parse(batch("mode: batch\nbatch: { schedule: PT5M, watermark: upd_ts }")).describe();

        assertThat(described).contains("""
                    mode: batch
                """).contains("""
                    batch:
                      schedule: PT5M
                      watermark: upd_ts
                      page-size: 5000
                """.stripTrailing());
        assertThat(Configs.parse(batch("mode: batch\nbatch: { schedule: PT5M }")).bindings().get(0).toString())
                .endsWith("legacy-to-new, batch every 'PT5M' full]");
    }

    @Test
    void referenceDocumentsTheBatchSection() {
        assertThat(ConfigReference.markdown()).contains("bindings[].batch").contains("| `schedule` |")
                .contains("| `page-size` |");
    }

    @Test
    void bindingOptionsPairBatchSettingsWithBatchModeOnly() {
        TableMappingSpec mapping = new TableMappingSpec(new TableId("public", "a"), new TableId("public", "b"), List.of(),
                List.of(), Map.of(), Map.of(), null, Map.of());
        BatchSpec spec = new BatchSpec(Schedule.parse("PT1M"), null, 10);
        assertThat(new BindingOptions("b", "p", Direction.LEGACY_TO_NEW, SyncMode.BATCH, mapping, Set.of(), null, Set.of(),
                null, spec).batched()).isTrue();
        assertThatIllegalArgumentException().isThrownBy(() -> new BindingOptions("b", "p", Direction.LEGACY_TO_NEW,
                SyncMode.BATCH, mapping)).withMessageContaining("needs batch settings");
        assertThatIllegalArgumentException().isThrownBy(() -> new BindingOptions("b", "p", Direction.LEGACY_TO_NEW,
                SyncMode.STREAM, mapping, Set.of(), null, Set.of(), null, spec)).withMessageContaining("only apply");
    }
}
