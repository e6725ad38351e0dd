package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.core.binding.Direction;
import dev.cutover.core.binding.NoSyncStrategy;
import dev.cutover.core.binding.SyncMode;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.TableMappingSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code direction: none} bindings and their {@code strategy}: what valid files load into, and the default. */
class NoSyncConfigTest {

    private static final String NONE = Configs.MINIMAL.replace("direction: legacy-to-new", "direction: none");

    @Test
    void noneBindingWithoutStrategyIsSeparate() throws ConfigException {
        BindingOptions binding = Configs.parse(NONE).bindings().get(0);

        assertThat(binding.direction()).isEqualTo(Direction.NONE);
        assertThat(binding.strategy()).isEqualTo(NoSyncStrategy.SEPARATE);
        assertThat(binding.synced()).isFalse();
        assertThat(binding.conflict()).isNull();
    }

    @Test
    void noneBindingLoadsEachStrategy() throws ConfigException {
        assertThat(strategyOf("strategy: separate")).isEqualTo(NoSyncStrategy.SEPARATE);
        assertThat(strategyOf("strategy: duplicate-maintenance")).isEqualTo(NoSyncStrategy.DUPLICATE_MAINTENANCE);
    }

    @Test
    void noneBindingKeepsItsMapping() throws ConfigException {
        BindingOptions binding = Configs.parse(NONE + """
                    strategy: duplicate-maintenance
                    key: [cust_id]
                    columns: { cust_id: id, cust_nm: full_name }
                """).bindings().get(0);

        assertThat(binding.mapping().key()).containsExactly("cust_id");
        assertThat(binding.mapping().columns()).extracting(r -> r.legacyColumn() + "->" + r.newColumn())
                .containsExactly("cust_id->id", "cust_nm->full_name");
    }

    @Test
    void bindingsThatSyncHaveNoStrategy() throws ConfigException {
        for (String direction : List.of("legacy-to-new", "new-to-legacy", "two-way")) {
            BindingOptions binding = Configs.parse(Configs.MINIMAL.replace("legacy-to-new", direction)).bindings().get(0);
            assertThat(binding.strategy()).as(direction).isNull();
            assertThat(binding.synced()).as(direction).isTrue();
        }
    }

    @Test
    void noneAndSyncingBindingsMixInOneFile() throws ConfigException {
        BridgeConfig config = Configs.parse(Configs.MINIMAL + """
                  - name: notes
                    legacy: public.note_mstr
                    new: public.notes
                    direction: none
                    strategy: duplicate-maintenance
                """);

        assertThat(config.bindings()).extracting(BindingOptions::name, BindingOptions::direction, BindingOptions::strategy)
                .containsExactly(tuple("customers", Direction.LEGACY_TO_NEW, null),
                        tuple("notes", Direction.NONE, NoSyncStrategy.DUPLICATE_MAINTENANCE));
    }

    @Test
    void describeShowsTheStrategyAndNoMode() throws ConfigException {
        String described = Configs.parse(NONE + "    strategy: duplicate-maintenance\n").describe();

        assertThat(described).contains("""
                    direction: none
                    mode: (none)
                    strategy: duplicate-maintenance
                """);
    }

    @Test
    void toStringNamesTheStrategy() throws ConfigException {
        assertThat(Configs.parse(NONE).bindings().get(0).toString())
                .isEqualTo("BindingOptions[customers (bindings[0]): public.cust_mstr -> public.customers, none (separate)]");
    }

    @Test
    void bindingOptionsPairAStrategyWithNoneOnly() {
        TableMappingSpec mapping = new TableMappingSpec(new TableId("public", "a"), new TableId("public", "b"), List.of(),
                List.of(), Map.of(), Map.of(), null, Map.of());

        assertThat(new BindingOptions("b", "bindings[0]", Direction.NONE, SyncMode.STREAM, mapping).strategy())
                .isEqualTo(NoSyncStrategy.DEFAULT);
        assertThatIllegalArgumentException().isThrownBy(() -> new BindingOptions("b", "bindings[0]", Direction.NONE,
                SyncMode.STREAM, mapping, Set.of(), null, Set.of(), null)).withMessage("a none binding needs a strategy");
        assertThatIllegalArgumentException().isThrownBy(() -> new BindingOptions("b", "bindings[0]", Direction.LEGACY_TO_NEW,
                SyncMode.STREAM, mapping, Set.of(), null, Set.of(), NoSyncStrategy.SEPARATE))
                .withMessage("a strategy only applies to none bindings, not legacy-to-new");
    }

    private static NoSyncStrategy strategyOf(String line) throws ConfigException {
        return Configs.parse(NONE + "    " + line + "\n").bindings().get(0).strategy();
    }
}
