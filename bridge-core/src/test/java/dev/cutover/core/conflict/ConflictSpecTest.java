package dev.cutover.core.conflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConflictSpecTest {

    private static final String RESOLVER = "com.example.Resolver";

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void refusesSettingsThatDoNotFitThePolicy(ConflictPolicy policy, String column, ConflictPolicy fallback, String resolverClass,
            String message) {
        assertThatThrownBy(() -> new ConflictSpec(policy, column, fallback, resolverClass, Map.of(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                Arguments.of(ConflictPolicy.NEWEST_WINS, null, ConflictPolicy.LEGACY_WINS, null, "policy newest-wins needs a column"),
                Arguments.of(ConflictPolicy.LEGACY_WINS, "updated_at", ConflictPolicy.LEGACY_WINS, null,
                        "a conflict column is only used by policy newest-wins"),
                Arguments.of(ConflictPolicy.MERGE, "updated_at", ConflictPolicy.NEW_WINS, null,
                        "a conflict column is only used by policy newest-wins"),
                Arguments.of(ConflictPolicy.MERGE, null, ConflictPolicy.MERGE, null,
                        "conflict fallback must be legacy-wins or new-wins, not merge"),
                Arguments.of(ConflictPolicy.NEWEST_WINS, "updated_at", ConflictPolicy.NEWEST_WINS, null,
                        "conflict fallback must be legacy-wins or new-wins, not newest-wins"),
                Arguments.of(ConflictPolicy.MERGE, null, ConflictPolicy.MANUAL, null,
                        "conflict fallback must be legacy-wins or new-wins, not manual"),
                Arguments.of(ConflictPolicy.MERGE, null, ConflictPolicy.CUSTOM, null,
                        "conflict fallback must be legacy-wins or new-wins, not custom"),
                Arguments.of(ConflictPolicy.CUSTOM, null, ConflictPolicy.LEGACY_WINS, null, "policy custom needs a resolver class"),
                Arguments.of(ConflictPolicy.MANUAL, null, ConflictPolicy.LEGACY_WINS, RESOLVER,
                        "a resolver class is only used by policy custom"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSpecs")
    void acceptsEachPolicyWithTheSettingsItUses(ConflictPolicy policy, String column, ConflictPolicy fallback, String resolverClass) {
        assertThatCode(() -> new ConflictSpec(policy, column, fallback, resolverClass, Map.of(), true)).doesNotThrowAnyException();
    }

    static Stream<Arguments> validSpecs() {
        return Stream.of(
                Arguments.of(ConflictPolicy.LEGACY_WINS, null, ConflictPolicy.LEGACY_WINS, null),
                Arguments.of(ConflictPolicy.NEW_WINS, null, ConflictPolicy.NEW_WINS, null),
                Arguments.of(ConflictPolicy.NEWEST_WINS, "updated_at", ConflictPolicy.NEW_WINS, null),
                Arguments.of(ConflictPolicy.MERGE, null, ConflictPolicy.NEW_WINS, null),
                Arguments.of(ConflictPolicy.MANUAL, null, ConflictPolicy.LEGACY_WINS, null),
                Arguments.of(ConflictPolicy.CUSTOM, null, ConflictPolicy.LEGACY_WINS, RESOLVER));
    }

    @Test
    void refusesAMissingPolicyOrFallbackByName() {
        assertThatThrownBy(() -> new ConflictSpec(null, null, ConflictPolicy.LEGACY_WINS, null, Map.of(), false))
                .isInstanceOf(NullPointerException.class).hasMessage("policy");
        assertThatThrownBy(() -> new ConflictSpec(ConflictPolicy.MERGE, null, null, null, Map.of(), false))
                .isInstanceOf(NullPointerException.class).hasMessage("fallback");
    }

    @Test
    void keepsItsOwnCopyOfTheResolverOptions() {
        Map<String, String> options = new HashMap<>(Map.of("prefer", "new"));
        ConflictSpec spec = new ConflictSpec(ConflictPolicy.CUSTOM, null, ConflictPolicy.LEGACY_WINS, RESOLVER, options, false);

        options.put("prefer", "legacy");

        assertThat(spec.resolverOptions()).containsExactly(Map.entry("prefer", "new"));
        assertThatThrownBy(() -> spec.resolverOptions().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theDefaultLetsLegacyWinAndChangesNoReplicaIdentity() {
        assertThat(ConflictSpec.DEFAULT.policy()).isEqualTo(ConflictPolicy.LEGACY_WINS);
        assertThat(ConflictSpec.DEFAULT.fallback()).isEqualTo(ConflictPolicy.LEGACY_WINS);
        assertThat(ConflictSpec.DEFAULT.setReplicaIdentityFull()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ConflictPolicy.class)
    void onlyTheSideWinsPoliciesDecideAloneAndEveryLabelResolves(ConflictPolicy policy) {
        assertThat(policy.decidesAlone()).isEqualTo(policy == ConflictPolicy.LEGACY_WINS || policy == ConflictPolicy.NEW_WINS);
        assertThat(ConflictPolicy.fromLabel(policy.label())).isSameAs(policy);
        assertThat(ConflictPolicy.fromLabel(policy.name())).isNull();
    }

    @Test
    void labelsOfKindsAndDecisionsResolveBack() {
        for (ConflictKind kind : ConflictKind.values()) {
            assertThat(ConflictKind.fromLabel(kind.label())).isSameAs(kind);
        }
        for (Resolution.Decision decision : Resolution.Decision.values()) {
            assertThat(Resolution.Decision.fromLabel(decision.label())).isSameAs(decision);
        }
        assertThat(ConflictKind.fromLabel("nope")).isNull();
        assertThat(Resolution.Decision.fromLabel("nope")).isNull();
    }

    @Test
    void aRowGoesWithWriteRowAndOnlyWithIt() {
        assertThatThrownBy(() -> new Resolution(Resolution.Decision.WRITE_ROW, null, "r")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resolution(Resolution.Decision.KEEP_CURRENT, ConflictFixtures.row("id", 1), "r"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
