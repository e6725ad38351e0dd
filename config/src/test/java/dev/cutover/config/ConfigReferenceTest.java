package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.internal.Key;
import dev.cutover.config.internal.RootSection;
import dev.cutover.config.internal.Section;
import dev.cutover.core.binding.NoSyncStrategy;
import dev.cutover.core.conflict.ConflictResolver;
import dev.cutover.core.conflict.ConflictSpec;
import dev.cutover.core.mapping.Conversions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

    @Test
    void everyDeclaredKeyHasARowInItsSection() {
        String markdown = ConfigReference.markdown();

        List<Section> sections = RootSection.sections();
        assertThat(sections).extracting(Section::title).containsExactly("top level", "kafka", "systems", "systems.<side>",
                "http", "tuning", "bindings[]", "bindings[].columns.<legacy column>", "bindings[].mapper",
                "bindings[].conflict", "bindings[].batch");
        for (Section section : sections) {
            String heading = section == sections.get(0) ? "### Top level\n" : "### `" + section.title() + "`\n";
            int start = markdown.indexOf(heading);
            assertThat(start).as("heading of %s", section.title()).isNotNegative();
            int end = markdown.indexOf("\n### ", start + 1);
            String table = markdown.substring(start, end);
            for (Key<?> key : section.keys()) {
                assertThat(table).as("row of %s in %s", key.name(), section.title())
                        .contains("| `" + key.name() + "` | " + key.type().typeName().replace("|", "\\|") + " | "
                                + key.defaultDescription() + " |");
            }
        }
    }

    @Test
    void defaultsAreTheConstantsTheLoaderUses() {
        String markdown = ConfigReference.markdown();

        assertThat(markdown)
                .contains("| `bootstrap` | string | `" + KafkaOptions.EMBEDDED + "` |")
                .contains("| `partitions` | integer | `" + KafkaOptions.DEFAULT_PARTITIONS + "` | 1 or more |")
                .contains("| `address` | string | `" + HttpOptions.DEFAULT_ADDRESS + "` | host:port with port 0 to 65535 |")
                .contains("| `capture-poll-interval` | duration (ISO-8601) | `" + TuningOptions.DEFAULT_CAPTURE_POLL_INTERVAL + "` |")
                .contains("| `data-dir` | path | `" + BridgeConfig.DEFAULT_DATA_DIR + "` |")
                .contains("| `name` | string | required | `[a-z][a-z0-9_]{0,30}` |")
                .contains("| `mode` | string | `stream` | `stream`, `batch` |")
                .contains("| `direction` | string | required | `legacy-to-new`, `new-to-legacy`, `two-way`, `none` |")
                .contains("| `strategy` | string | `" + NoSyncStrategy.DEFAULT.label() + "` on a none binding | `separate`,"
                        + " `duplicate-maintenance` |")
                .contains("| `kind` | string | required | `postgresql`, `mariadb`; planned: `mysql` |")
                .contains("| `conflict` | object, see `bindings[].conflict` | all defaults on a two-way binding |");
    }

    @Test
    void conflictKeysShowTheirDefaultsAndChoices() {
        String markdown = ConfigReference.markdown();
        String conflict = markdown.substring(markdown.indexOf("### `bindings[].conflict`"));

        assertThat(conflict)
                .contains("| `policy` | string | `" + ConflictSpec.DEFAULT.policy().label() + "` | `legacy-wins`, `new-wins`,"
                        + " `newest-wins`, `merge`, `manual`, `custom` |")
                .contains("| `column` | string | — |   | `newest-wins` only, and required there:")
                .contains("| `fallback` | string | `" + ConflictSpec.DEFAULT.fallback().label() + "` | `legacy-wins`, `new-wins` |")
                .contains("| `resolver` | string | — | a fully qualified class name | `custom` only, and required there:")
                .contains("`" + ConflictResolver.class.getName() + "`")
                .contains("| `options` | map of option -> value | `{}` |")
                .contains("| `set-replica-identity-full` | boolean | `" + ConflictSpec.DEFAULT.setReplicaIdentityFull() + "` |");
    }

    @Test
    void everyBuiltInConversionIsListedWithItsDescription() {
        String markdown = ConfigReference.markdown();

        assertThat(Conversions.names()).isNotEmpty().allSatisfy(name -> assertThat(markdown)
                .contains("| `" + name + "` | " + Conversions.find(name).orElseThrow().description() + " |"));
    }

    @Test
    void referenceIsTheSameOnEveryCall() {
        assertThat(ConfigReference.markdown()).isEqualTo(ConfigReference.markdown()).endsWith("\n")
                .doesNotContain("\r");
    }
}
