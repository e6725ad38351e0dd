package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConfigReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration reference is generated from the key declarations; this keeps the
 * two from drifting. Run with {@code -Dcutover.updateReadme=true} to rewrite the section.
 */
class ReadmeConfigReferenceTest {

    private static final String START = "<!-- config-reference:start -->\n";
    private static final String END = "<!-- config-reference:end -->";
    private static final Path README = Path.of("..", "README.md");

    @Test
    void readmeConfigurationReferenceMatchesTheDeclarations() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int from = readme.indexOf(START);
        int to = readme.indexOf(END);
        assertThat(from).as("README has the %s marker", START.trim()).isNotNegative();
        assertThat(to).as("README has the %s marker", END).isGreaterThan(from);
        String generated = ConfigReference.markdown();
        String current = readme.substring(from + START.length(), to);
        if (Boolean.getBoolean("cutover.updateReadme") && !current.equals(generated)) {
            Files.writeString(README, readme.substring(0, from + START.length()) + generated + readme.substring(to),
                    StandardCharsets.UTF_8);
            current = generated;
        }
        assertThat(current)
                .as("README's configuration reference is stale; regenerate with "
                        + "./mvnw -pl cli test -Dtest=ReadmeConfigReferenceTest -Dcutover.updateReadme=true")
                .isEqualTo(generated);
    }
}
