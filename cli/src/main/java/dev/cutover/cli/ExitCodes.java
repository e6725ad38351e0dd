package dev.cutover.cli;

/**
 * Every exit code of the {@code cutover} command line, in one place, so that a script can tell an
 * answer from a failure: {@code verify} finding drift and {@code check} finding problems are
 * answers ({@link #FINDINGS}), a configuration that does not fit is the user's to fix
 * ({@link #BAD_CONFIG}, as picocli's own usage errors), and anything else that went wrong is
 * {@link #FAILED}.
 */
public final class ExitCodes {

    /** The command did what it was asked and found nothing wrong. */
    public static final int OK = 0;
    /** The command ran and its answer is no: {@code verify} found drift, {@code check} found problems. */
    public static final int FINDINGS = 1;
    /** The command line, the configuration or the databases are not as the configuration says. */
    public static final int BAD_CONFIG = 2;
    /** The command or the bridge failed while running, or the bridge could not be reached. */
    public static final int FAILED = 3;

    private ExitCodes() {
    }
}
