package dev.cutover.service.command;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A subcommand that talks to the running bridge through a {@link BridgeClient}: runs, prints a
 * failure to stderr prefixed with its command's name, and turns it into the exit code.
 */
abstract class BridgeAction implements Callable<Integer> {

    @Mixin
    BridgeClient target;

    @Override
    public Integer call() {
        try {
            run(System.out);
            return 0;
        } catch (BridgeClient.Failure e) {
            System.err.println("cutover " + command() + ": " + e.getMessage());
            return e.exitCode;
        }
    }

    /** The command's name for messages, e.g. {@code conflicts}. */
    abstract String command();

    abstract void run(PrintStream out) throws BridgeClient.Failure;
}
