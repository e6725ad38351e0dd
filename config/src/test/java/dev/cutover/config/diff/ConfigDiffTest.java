package dev.cutover.config.diff;

import static dev.cutover.config.diff.Bridges.binding;
import static dev.cutover.config.diff.Bridges.bridge;
import static dev.cutover.config.diff.Bridges.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.config.BindingOptions;
import dev.cutover.config.BridgeConfig;
import dev.cutover.config.diff.BindingChange.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bindings matched by name: added, removed, unchanged and changed, each change with its path and effect. */
class ConfigDiffTest {

    private static final String ORDERS = binding("orders", "legacy-to-new");

    private static BindingChange only(BridgeConfig running, BridgeConfig next, String name) {
        return ConfigDiff.between(running, next).binding(name).orElseThrow();
    }

    private static BindingChange change(String runningBinding, String nextBinding) {
        BridgeConfig running = bridge(runningBinding);
        return only(running, bridge(nextBinding), running.bindings().get(0).name());
    }

    @Test
    void theSameFileChangesNothing() {
        ReloadPlan plan = ConfigDiff.between(bridge(ORDERS, binding("customers", "two-way")),
                bridge(ORDERS, binding("customers", "two-way")));

        assertThat(plan.bindings()).extracting(BindingChange::name, BindingChange::kind)
                .containsExactly(tuple("orders", Kind.UNCHANGED), tuple("customers", Kind.UNCHANGED));
        assertThat(plan.applicable()).isTrue();
        assertThat(plan.changesAnything()).isFalse();
        assertThat(plan.refusals()).isEmpty();
        assertThat(plan.bindings().get(0).effect()).isEmpty();
    }

    @Test
    void anAddedStreamBindingStartsWithItsInitialLoad() {
        BindingChange added = only(bridge(ORDERS), bridge(ORDERS, tables("archive", "archive_old", "archive", "legacy-to-new")),
                "archive");

        assertThat(added.kind()).isEqualTo(Kind.ADDED);
        assertThat(added.running()).isNull();
        assertThat(added.next().name()).isEqualTo("archive");
        assertThat(added.effect()).isEqualTo("starts, loads public.archive_old first");
        assertThat(added.applicable()).isTrue();
    }

    @Test
    void anAddedBindingSaysHowItStartsByDirectionAndMode() {
        BridgeConfig running = bridge(ORDERS);
        BridgeConfig next = bridge(ORDERS, binding("back", "new-to-legacy"), binding("both", "two-way"),
                binding("copied", "legacy-to-new", "mode: batch", "batch: { schedule: PT15M }"),
                binding("apart", "none", "strategy: duplicate-maintenance"));

        ReloadPlan plan = ConfigDiff.between(running, next);

        assertThat(plan.bindings()).extracting(BindingChange::name, BindingChange::effect).containsExactly(
                tuple("orders", ""),
                tuple("back", "starts, loads public.back first"),
                tuple("both", "starts, loads each table into the other first"),
                tuple("copied", "starts, copies public.copied_old now, then on schedule 'PT15M'"),
                tuple("apart", "nothing syncs (duplicate-maintenance)"));
    }

    @Test
    void aRemovedBindingStopsAndKeepsItsTopicsAfterTheNextBindings() {
        ReloadPlan plan = ConfigDiff.between(bridge(binding("tmp_copy", "legacy-to-new"), ORDERS, binding("apart", "none")),
                bridge(ORDERS));

        assertThat(plan.bindings()).extracting(BindingChange::name, BindingChange::kind, BindingChange::effect).containsExactly(
                tuple("orders", Kind.UNCHANGED, ""),
                tuple("tmp_copy", Kind.REMOVED, "stops; topics and state kept (cutover reload --purge removes them)"),
                tuple("apart", Kind.REMOVED, "forgotten; it synced nothing"));
        assertThat(plan.binding("tmp_copy").orElseThrow().next()).isNull();
        assertThat(plan.applicable()).isTrue();
    }

    @Test
    void aRenamedBindingIsRemovedAndAddedAndSaysItStartsAnew() {
        ReloadPlan plan = ConfigDiff.between(bridge(tables("orders", "ord", "orders", "legacy-to-new")),
                bridge(tables("sales_orders", "ord", "orders", "legacy-to-new")));

        assertThat(plan.bindings()).extracting(BindingChange::name, BindingChange::kind, BindingChange::notes).containsExactly(
                tuple("sales_orders", Kind.ADDED, List.of("takes over from orders, removed: renaming a binding starts it anew")),
                tuple("orders", Kind.REMOVED, List.of("renamed to sales_orders: renaming a binding starts it anew")));
        assertThat(plan.applicable()).as("the removed binding releases its tables").isTrue();
    }

    @Test
    void anAddedBindingMayNotTakeATableAnotherBindingKeeps() {
        BridgeConfig running = bridge(tables("orders", "ord", "orders", "legacy-to-new"));
        BridgeConfig next = withBindings(running, running.bindings().get(0),
                Bridges.bridge(tables("orders_copy", "ord", "orders_copy", "legacy-to-new")).bindings().get(0), 1);

        BindingChange added = only(running, next, "orders_copy");

        assertThat(added.refusals()).containsExactly(new Refusal("bindings[1].legacy",
                "table public.ord is already read by binding orders (bindings[0])"));
        assertThat(ConfigDiff.between(running, next).applicable()).isFalse();
    }

    @Test
    void aTableMayNotMoveBetweenBindingsInOneReload() {
        BridgeConfig running = bridge(tables("orders", "ord", "orders", "legacy-to-new"));
        BridgeConfig next = bridge(tables("orders", "ord2", "orders", "legacy-to-new"),
                tables("old_orders", "ord", "old_orders", "legacy-to-new"));

        ReloadPlan plan = ConfigDiff.between(running, next);

        assertThat(plan.binding("old_orders").orElseThrow().refusals()).containsExactly(new Refusal("bindings[1].legacy",
                "table public.ord is still read by the running binding orders, which moves off it in this reload; "
                        + "change one thing at a time: first move orders, then bind the table to old_orders"));
        assertThat(plan.binding("orders").orElseThrow().applicable()).isTrue();
        assertThat(plan.applicable()).isFalse();
    }

    @Test
    void aBindingMovedOntoATableAnotherBindingWritesIsRefused() {
        BridgeConfig running = bridge(tables("orders", "ord", "orders", "legacy-to-new"),
                tables("invoices", "inv", "invoices", "legacy-to-new"));
        BridgeConfig next = bridge(tables("orders", "ord", "orders", "legacy-to-new"),
                tables("invoices", "inv", "bills", "legacy-to-new"));
        BridgeConfig clash = withBindings(next, next.bindings().get(0), withNewTable(next, "orders"), 1);

        assertThat(only(running, next, "invoices").refusals()).isEmpty();
        assertThat(only(running, clash, "invoices").refusals()).containsExactly(new Refusal("bindings[1].new",
                "table public.orders is already written by binding orders (bindings[0])"));
    }

    @Test
    void aTableChangeStartsTheBindingAnewOnTheNewTables() {
        BindingChange changed = change(tables("orders", "ord", "orders", "legacy-to-new"),
                tables("orders", "ord_v2", "orders", "legacy-to-new"));

        assertThat(changed.kind()).isEqualTo(Kind.CHANGED);
        assertThat(changed.changes()).containsExactly(
                new SettingChange(Aspect.TABLES, "bindings[0].legacy", "legacy public.ord -> public.ord_v2"));
        assertThat(changed.effect()).isEqualTo("stops and starts anew on the new tables, loads public.ord_v2 first");
        assertThat(changed.applicable()).isTrue();
    }

    @Test
    void mappingChangesNameEachPartWithItsPathAndTakeEffectAtABatchBoundary() {
        BindingChange changed = change(
                binding("customers", "legacy-to-new", "key: [cust_id]", "columns: { cust_nm: full_name, stat_cd: status, old_col: { ignore: true } }",
                        "defaults: { source: legacy }", "mapper: { class: com.example.A, options: { k: v } }"),
                binding("customers", "legacy-to-new", "key: [cust_id, site]", "columns: { cust_nm: name, stat_cd: status, email: email }",
                        "defaults: { source: legacy, region: eu }", "legacy-defaults: { flag: 'N' }",
                        "mapper: { class: com.example.B, options: { k: w } }"));

        assertThat(changed.changes()).containsExactly(
                new SettingChange(Aspect.MAPPING, "bindings[0].key", "key [cust_id] -> [cust_id, site]"),
                new SettingChange(Aspect.MAPPING, "bindings[0].columns",
                        "columns added: email; columns removed: old_col; columns changed: cust_nm"),
                new SettingChange(Aspect.MAPPING, "bindings[0].defaults", "defaults added: region"),
                new SettingChange(Aspect.MAPPING, "bindings[0].legacy-defaults", "legacy-defaults added: flag"),
                new SettingChange(Aspect.MAPPING, "bindings[0].mapper.class", "mapper com.example.A -> com.example.B"),
                new SettingChange(Aspect.MAPPING, "bindings[0].mapper.options", "mapper options"));
        assertThat(changed.effect()).isEqualTo("takes effect at the next batch boundary");
        assertThat(changed.switches()).isFalse();
    }

    @Test
    void aMappingChangeOfABatchBindingTakesEffectAtTheNextCopy() {
        BindingChange changed = change(binding("orders", "legacy-to-new", "mode: batch", "batch: { schedule: PT15M }"),
                binding("orders", "legacy-to-new", "mode: batch", "batch: { schedule: PT15M }", "key: [id]"));

        assertThat(changed.changes()).extracting(SettingChange::detail).containsExactly("key primary key -> [id]");
        assertThat(changed.effect()).isEqualTo("takes effect at the next copy");
    }

    @Test
    void conflictSettingsOfATwoWayBindingNameWhatChanged() {
        BindingChange changed = change(binding("products", "two-way"),
                binding("products", "two-way", "conflict: { policy: newest-wins, column: updated_at }"));

        assertThat(changed.changes()).containsExactly(new SettingChange(Aspect.CONFLICT, "bindings[0].conflict", "policy, column"));
        assertThat(changed.effect()).isEqualTo("takes effect at the next batch boundary");
    }

    @Test
    void streamToBatchAndBack() {
        String stream = binding("orders", "legacy-to-new");
        String batch = binding("orders", "legacy-to-new", "mode: batch", "batch: { schedule: '0 2 * * *' }");

        BindingChange toBatch = change(stream, batch);
        BindingChange toStream = change(batch, stream);

        assertThat(toBatch.changes()).containsExactly(new SettingChange(Aspect.MODE, "bindings[0].mode", "stream -> batch"));
        assertThat(toBatch.effect())
                .isEqualTo("streaming stops at a batch boundary, then it copies public.orders_old now, then on schedule '0 2 * * *'");
        assertThat(toStream.changes()).containsExactly(new SettingChange(Aspect.MODE, "bindings[0].mode", "batch -> stream"));
        assertThat(toStream.effect()).isEqualTo("copies stop, then it loads public.orders_old first");
    }

    @Test
    void batchSettingsNameWhatChanged() {
        BindingChange changed = change(binding("orders", "legacy-to-new", "mode: batch", "batch: { schedule: PT15M }"),
                binding("orders", "legacy-to-new", "mode: batch", "batch: { schedule: PT5M, page-size: 100 }"));

        assertThat(changed.changes()).containsExactly(new SettingChange(Aspect.BATCH, "bindings[0].batch", "schedule, page-size"));
        assertThat(changed.effect()).isEqualTo("takes effect at the next copy");
    }

    @Test
    void aStrategyChangeTakesEffectNow() {
        BindingChange changed = change(binding("notes", "none"), binding("notes", "none", "strategy: duplicate-maintenance"));

        assertThat(changed.changes()).containsExactly(
                new SettingChange(Aspect.STRATEGY, "bindings[0].strategy", "separate -> duplicate-maintenance"));
        assertThat(changed.effect()).isEqualTo("takes effect now");
    }

    /** {@code config} with {@code first} and {@code second} as bindings, {@code second} at {@code bindings[index]}. */
    private static BridgeConfig withBindings(BridgeConfig config, BindingOptions first, BindingOptions second, int index) {
        BindingOptions placed = new BindingOptions(second.name(), "bindings[" + index + "]", second.direction(), second.mode(),
                second.mapping());
        return new BridgeConfig(config.name(), config.dataDir(), config.kafka(), config.legacySystem(), config.newSystem(),
                config.http(), config.tuning(), List.of(first, placed));
    }

    /** The second binding of {@code config} writing {@code public.<table>} instead. */
    private static BindingOptions withNewTable(BridgeConfig config, String table) {
        BindingOptions b = config.bindings().get(1);
        return new BindingOptions(b.name(), b.path(), b.direction(), b.mode(), new dev.cutover.core.mapping.TableMappingSpec(
                b.legacyTable(), new dev.cutover.core.event.TableId("public", table), List.of(), List.of(), null, null, null, null));
    }
}
