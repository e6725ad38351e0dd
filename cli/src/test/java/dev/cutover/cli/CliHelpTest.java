package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every command and subcommand answers {@code -h} and {@code --help} with its usage, even when it has required options. */
class CliHelpTest {

    @Test
    void everyCommandAnswersHelp() {
        assertThat(HelpWalk.assertEveryCommandAnswersHelp(CutoverCli::commandLine)).as("commands found").hasSizeGreaterThan(10);
    }
}
