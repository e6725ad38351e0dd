package dev.cutover.cli.command;

import picocli.CommandLine.Command;

/**
 * {@code cutover resume --binding B}: applies a paused or failed binding's waiting changes, in
 * order. A binding paused for drift of its written table resumes once the table fits again.
 */
@Command(name = "resume", description = "Resume a paused or failed binding of a running bridge: its waiting changes are applied in order.")
public final class ResumeCommand extends BindingRequest {

    @Override
    String command() {
        return "resume";
    }
}
