package dev.cutover.config.diff;

import static dev.cutover.config.diff.Bridges.HEAD;
import static dev.cutover.config.diff.Bridges.LEGACY_PASSWORD;
import static dev.cutover.config.diff.Bridges.binding;
import static dev.cutover.config.diff.Bridges.bridge;
import static dev.cutover.config.diff.Bridges.tables;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan as {@code cutover plan --url} and {@code cutover reload} print it, and as the HTTP endpoint sends it. */
class ReloadPlanTest {

    private static final String ORDERS = binding("orders", "legacy-to-new");
    private static final String CUSTOMERS = binding("customers", "legacy-to-new", "columns: { cust_nm: full_name }");
    private static final String INVOICES = binding("invoices", "legacy-to-new");

    private static ReloadPlan everyKind() {
        return ConfigDiff.between(bridge(ORDERS, CUSTOMERS, INVOICES, binding("tmp_copy", "legacy-to-new")),
                bridge(ORDERS, binding("customers", "legacy-to-new", "columns: { cust_nm: full_name, email: email }"),
                        binding("invoices", "two-way"), binding("archive", "legacy-to-new")));
    }

    @Test
    void linesSummariseThenShowOneBlockPerBindingInFileOrder() {
        assertThat(everyKind().lines()).containsExactly(
                "reload of shop: 1 added, 1 removed, 2 changed (1 switching direction), 1 unchanged",
                "orders     unchanged",
                "customers  changed: mapping (columns added: email), takes effect at the next batch boundary",
                "invoices   switch legacy-to-new -> two-way: drain, verify, keys, switch",
                "archive    added (legacy-to-new stream): starts, loads public.archive_old first",
                "tmp_copy   removed: stops; topics and state kept (cutover reload --purge removes them)");
    }

    @Test
    void aRefusedPlanSaysNothingChangesAndWhyUnderEachBinding() {
        ReloadPlan plan = ConfigDiff.between(bridge(ORDERS, INVOICES),
                Bridges.parse(HEAD + "tuning: { apply-batch-size: 500 }\n", LEGACY_PASSWORD,
                        ORDERS, binding("invoices", "new-to-legacy", "mode: batch", "batch: { schedule: PT15M }")));

        assertThat(plan.lines()).containsExactly(
                "reload of shop refused, nothing changes: 1 setting needs a restart, 1 binding change is refused",
                "tuning.apply-batch-size: needs a restart (the pipeline reads its knobs at start)",
                "orders    unchanged",
                "invoices  switch legacy-to-new -> new-to-legacy with mode (stream -> batch): refused",
                "          refused: change one thing at a time: first the mode, then the direction (bindings[1].direction)");
        assertThat(plan.refusals()).extracting(Refusal::path).containsExactly("tuning.apply-batch-size", "bindings[1].direction");
    }

    @Test
    void notesFollowTheBindingTheyConcern() {
        ReloadPlan plan = ConfigDiff.between(bridge(tables("orders", "ord", "orders", "legacy-to-new")),
                bridge(tables("sales", "ord", "orders", "legacy-to-new")));

        assertThat(plan.lines()).containsExactly(
                "reload of shop: 1 added, 1 removed",
                "sales   added (legacy-to-new stream): starts, loads public.ord first",
                "        note: takes over from orders, removed: renaming a binding starts it anew",
                "orders  removed: stops; topics and state kept (cutover reload --purge removes them)",
                "        note: renamed to sales: renaming a binding starts it anew");
    }

    @Test
    void aPlanThatChangesNothingSaysSo() {
        assertThat(ConfigDiff.between(bridge(ORDERS), bridge(ORDERS)).summary())
                .isEqualTo("nothing to reload for shop: the file matches what runs");
    }

    @Test
    void theMapFormCarriesEveryPartOfThePlan() {
        Map<String, Object> map = everyKind().toMap();

        assertThat(map).containsEntry("bridge", "shop").containsEntry("applicable", true)
                .containsEntry("summary", "reload of shop: 1 added, 1 removed, 2 changed (1 switching direction), 1 unchanged")
                .containsEntry("restarts", List.of());
        List<?> bindings = (List<?>) map.get("bindings");
        assertThat(bindings).hasSize(5);
        assertThat(bindings.get(1)).isEqualTo(Map.of("name", "customers", "kind", "changed",
                "effect", "takes effect at the next batch boundary",
                "changes", List.of(Map.of("aspect", "mapping", "path", "bindings[1].columns", "detail", "columns added: email")),
                "refusals", List.of(), "notes", List.of()));
        assertThat(((Map<?, ?>) bindings.get(2)).get("switch")).isEqualTo(Map.of("from", "legacy-to-new", "to", "two-way",
                "allowed", true, "reason", "drain, verify, keys, switch", "steps", List.of("drain", "verify", "keys", "switch"),
                "needsInvertibleMapping", true));
        assertThat(((Map<?, ?>) bindings.get(0)).containsKey("switch")).isFalse();
    }

    @Test
    void theMapFormOfARefusedPlanNamesEachPath() {
        ReloadPlan plan = ConfigDiff.between(bridge(ORDERS),
                Bridges.parse(HEAD.replace("name: shop", "name: other"), LEGACY_PASSWORD, ORDERS));

        assertThat(plan.toMap()).containsEntry("applicable", false).containsEntry("restarts", List.of(Map.of("path", "name",
                "reason", "needs a restart (the name identifies the replication slots, topics and consumer groups)")));
    }
}
