package dev.cutover.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.cli.CutoverCli;
import dev.cutover.cli.HelpWalk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./cutover} offers the product's commands plus the tools, and every one of them answers {@code -h/--help}. */
class ToolsCliTest {

    @Test
    void theToolsComeOnTopOfTheProductsCommands() {
        assertThat(ToolsCli.commandLine().getSubcommands().keySet())
                .containsAll(CutoverCli.commandLine().getSubcommands().keySet())
                .contains("demo", "bench");
        assertThat(CutoverCli.commandLine().getSubcommands()).as("the product's command line").doesNotContainKeys("demo", "bench");
    }

    @Test
    void everyCommandIncludingTheToolsAnswersHelp() {
        assertThat(HelpWalk.assertEveryCommandAnswersHelp(ToolsCli::commandLine))
                .contains(List.of("demo"), List.of("bench"));
    }
}
