package dev.cutover.cli.command;

import picocli.CommandLine.Command;

/**
 * {@code cutover pause --binding B}: stops applying one binding of a running bridge (both
 * directions of a two-way one). Its changes keep being captured and wait on its topic; the pause
 * survives a restart until {@code cutover resume}.
 */
@Command(name = "pause", description = "Stop applying one binding of a running bridge; its changes keep being captured and wait on its"
        + " topic, even across a restart, until `resume`.")
public final class PauseCommand extends BindingRequest {

    @Override
    String command() {
        return "pause";
    }
}
