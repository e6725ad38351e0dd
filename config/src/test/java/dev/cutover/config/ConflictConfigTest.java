package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.cutover.core.binding.Direction;
import dev.cutover.core.binding.SyncMode;
import dev.cutover.core.conflict.ConflictPolicy;
import dev.cutover.core.conflict.ConflictSpec;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.TableMappingSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code conflict} section of two-way bindings: what valid sections load into, and the defaults. */
class ConflictConfigTest {

    private static final String TWO_WAY = Configs.MINIMAL.replace("direction: legacy-to-new", "direction: two-way");

    @Test
    void twoWayBindingWithoutConflictSectionGetsLegacyWins() throws ConfigException {
        BindingOptions binding = Configs.parse(TWO_WAY).bindings().get(0);

        assertThat(binding.direction()).isEqualTo(Direction.TWO_WAY);
        assertThat(binding.conflict()).isEqualTo(ConflictSpec.DEFAULT)
                .isEqualTo(new ConflictSpec(ConflictPolicy.LEGACY_WINS, null, ConflictPolicy.LEGACY_WINS, null, Map.of(), false));
    }

    @Test
    void emptyConflictSectionTakesEveryDefault() throws ConfigException {
        assertThat(conflictOf("conflict: {}"))
                .isEqualTo(new ConflictSpec(ConflictPolicy.LEGACY_WINS, null, ConflictPolicy.LEGACY_WINS, null, Map.of(), false));
    }

    @Test
    void oneWayBindingsHaveNoConflictSettings() throws ConfigException {
        assertThat(Configs.parse(Configs.MINIMAL).bindings().get(0).conflict()).isNull();
        assertThat(Configs.parse(Configs.MINIMAL.replace("legacy-to-new", "new-to-legacy")).bindings().get(0).conflict())
                .isNull();
    }

    @Test
    void sideWinsPoliciesLoad() throws ConfigException {
        assertThat(conflictOf("conflict: { policy: legacy-wins }"))
                .isEqualTo(new ConflictSpec(ConflictPolicy.LEGACY_WINS, null, ConflictPolicy.LEGACY_WINS, null, Map.of(), false));
        assertThat(conflictOf("conflict: { policy: new-wins, set-replica-identity-full: true }"))
                .isEqualTo(new ConflictSpec(ConflictPolicy.NEW_WINS, null, ConflictPolicy.LEGACY_WINS, null, Map.of(), true));
    }

    @Test
    void newestWinsLoadsItsColumnAndFallback() throws ConfigException {
        assertThat(conflictOf("""
                conflict:
                      policy: newest-wins
                      column: updated_at
                      fallback: new-wins"""))
                .isEqualTo(new ConflictSpec(ConflictPolicy.NEWEST_WINS, "updated_at", ConflictPolicy.NEW_WINS, null, Map.of(), false));
        assertThat(conflictOf("conflict: { policy: newest-wins, column: version }").fallback())
                .as("fallback default").isEqualTo(ConflictPolicy.LEGACY_WINS);
    }

    @Test
    void newestWinsColumnMayBeARenamedLegacyColumn() throws ConfigException {
        assertThat(conflictOf("columns: { upd_ts: updated_at }\n    conflict: { policy: newest-wins, column: updated_at }")
                .column()).isEqualTo("updated_at");
    }

    @Test
    void mergeAndManualLoad() throws ConfigException {
        assertThat(conflictOf("conflict: { policy: merge, fallback: new-wins }"))
                .isEqualTo(new ConflictSpec(ConflictPolicy.MERGE, null, ConflictPolicy.NEW_WINS, null, Map.of(), false));
        assertThat(conflictOf("conflict: { policy: merge }").fallback()).isEqualTo(ConflictPolicy.LEGACY_WINS);
        assertThat(conflictOf("conflict: { policy: manual }"))
                .isEqualTo(new ConflictSpec(ConflictPolicy.MANUAL, null, ConflictPolicy.LEGACY_WINS, null, Map.of(), false));
    }

    @Test
    void customLoadsItsResolverAndOptionsAsText() throws ConfigException {
        ConflictSpec spec = conflictOf("""
                conflict:
                      policy: custom
                      resolver: com.example.MyResolver
                      options: { region: eu, retries: 3, strict: true }""");

        assertThat(spec).isEqualTo(new ConflictSpec(ConflictPolicy.CUSTOM, null, ConflictPolicy.LEGACY_WINS,
                "com.example.MyResolver", Map.of("region", "eu", "retries", "3", "strict", "true"), false));
    }

    @Test
    void describeShowsConflictSettingsWithSecretOptionsHidden() throws ConfigException {
        BridgeConfig config = Configs.parse(TWO_WAY + """
                    conflict:
                      policy: custom
                      resolver: com.example.MyResolver
                      options: { region: eu, api-password: plain-text-pw, token: "${env:LEGACY_PASSWORD}" }
                """);

        assertThat(config.describe()).endsWith("""
                    mapper: (none)
                    conflict:
                      policy: custom
                      column: (none)
                      fallback: legacy-wins
                      resolver: com.example.MyResolver
                      options: { api-password: [hidden], region: eu, token: [hidden] }
                      set-replica-identity-full: false
                    batch: (none)
                """.stripTrailing())
                .doesNotContain("plain-text-pw").doesNotContain(Configs.LEGACY_PASSWORD);
        assertThat(config.bindings().get(0).hiddenResolverOptions()).containsExactlyInAnyOrder("api-password", "token");
        assertThat(config.bindings().get(0).conflict().resolverOptions()).containsEntry("token", Configs.LEGACY_PASSWORD);
    }

    @Test
    void toStringNamesThePolicyButNeverTheOptions() throws ConfigException {
        BindingOptions binding = Configs.parse(TWO_WAY + """
                    conflict: { policy: custom, resolver: a.B, options: { k: very-private } }
                """).bindings().get(0);

        assertThat(binding.toString())
                .isEqualTo("BindingOptions[customers (bindings[0]): public.cust_mstr -> public.customers, two-way (custom), stream]");
    }

    @Test
    void problemNamesFileLineColumnAndConflictPath() {
        String yaml = TWO_WAY + """
                    conflict:
                      policy: newest-wins
                """;

        ConfigException e = assertThatExceptionOfType(ConfigException.class).isThrownBy(() ->
                ConfigLoader.parse(yaml, Path.of("cutover.yaml"), SecretResolver.fromEnvironment(Map.of()))).actual();

        // The missing key is reported where its section starts: line 10, column 7 (the "policy" line).
        assertThat(e.getMessage()).isEqualTo("cutover.yaml:10:7: bindings[0].conflict.column: policy newest-wins needs a"
                + " column: the timestamp or version column that orders the two versions, as the new system names it;"
                + " set bindings[0].conflict.column");
    }

    @Test
    void everyProblemInOneSectionIsReported() {
        ConfigException e = Configs.rejection(TWO_WAY + """
                    conflict: { policy: custom, column: updated_at, fallback: new-wins, colour: red }
                """);

        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder("bindings[0].conflict.colour",
                "bindings[0].conflict.column", "bindings[0].conflict.resolver", "bindings[0].conflict.fallback");
    }

    @Test
    void problemsInsideASectionOnAOneWayBindingAreReportedToo() {
        ConfigException e = Configs.rejection(Configs.MINIMAL + "    conflict: { policy: nobody-wins }\n");

        assertThat(e.problems()).extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("bindings[0].conflict", "bindings[0].conflict.policy");
    }

    @Test
    void bindingOptionsPairConflictSettingsWithTwoWayOnly() {
        TableMappingSpec mapping = new TableMappingSpec(new TableId("public", "a"), new TableId("public", "b"), List.of(),
                List.of(), Map.of(), Map.of(), null, Map.of());

        assertThat(new BindingOptions("b", "bindings[0]", Direction.TWO_WAY, SyncMode.STREAM, mapping).conflict())
                .isEqualTo(ConflictSpec.DEFAULT);
        assertThatIllegalArgumentException().isThrownBy(() -> new BindingOptions("b", "bindings[0]", Direction.TWO_WAY,
                SyncMode.STREAM, mapping, Set.of(), null, Set.of())).withMessage("a two-way binding needs conflict settings");
        assertThatIllegalArgumentException().isThrownBy(() -> new BindingOptions("b", "bindings[0]", Direction.LEGACY_TO_NEW,
                SyncMode.STREAM, mapping, Set.of(), ConflictSpec.DEFAULT, Set.of()))
                .withMessage("conflict settings only apply to two-way bindings, not legacy-to-new");
    }

    /** The conflict settings of the minimal configuration made two-way with {@code lines} added to its binding. */
    private static ConflictSpec conflictOf(String lines) throws ConfigException {
        return Configs.parse(TWO_WAY + "    " + lines + "\n").bindings().get(0).conflict();
    }
}
