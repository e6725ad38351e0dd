package dev.cutover.cli.check;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One result of a preflight check: something that is as {@code cutover run} needs it, a warning
 * about something {@code cutover run} accepts but that can go wrong later, or a problem; a warning
 * or problem comes with its fix. Immutable.
 *
 * @param status whether it is fine, worth a look, or stops {@code cutover run}
 * @param subject where it lies, as a configuration path when there is one ({@code systems.legacy},
 *     {@code bindings[0].new}, {@code kafka.bootstrap}); never null
 * @param message what was found; never null, never a password
 * @param fix what to do about a warning or problem; null for {@link Status#OK}
 */
public record Finding(Status status, String subject, String message, String fix) {

    /** Whether a finding is fine, worth a look (never failing {@code cutover check}), or stops {@code cutover run}. */
    public enum Status {
        OK, WARNING, PROBLEM
    }

    public Finding {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        if ((status != Status.OK) != (fix != null)) {
            throw new IllegalArgumentException("a warning or problem needs a fix, and only they have one: " + subject + ": " + message);
        }
    }

    /** Something that is as it must be. */
    public static Finding ok(String subject, String message) {
        return new Finding(Status.OK, subject, message, null);
    }

    /** Something that would make {@code cutover run} fail, with what to do about it. */
    public static Finding problem(String subject, String message, String fix) {
        return new Finding(Status.PROBLEM, subject, message, fix);
    }

    /** Something {@code cutover run} accepts but that can go wrong later, with what to do about it. */
    public static Finding warning(String subject, String message, String fix) {
        return new Finding(Status.WARNING, subject, message, fix);
    }

    public boolean isProblem() {
        return status == Status.PROBLEM;
    }

    public boolean isWarning() {
        return status == Status.WARNING;
    }

    /** The same finding with every text passed through {@code redaction}. */
    Finding redacted(UnaryOperator<String> redaction) {
        return new Finding(status, redaction.apply(subject), redaction.apply(message), fix == null ? null : redaction.apply(fix));
    }

    /**
     * One line: {@code ok       subject: message}, {@code warning  subject: message; fix: ...} or
     * {@code PROBLEM  subject: message; fix: ...}.
     */
    public String line() {
        return switch (status) {
            case OK -> "ok       ";
            case WARNING -> "warning  ";
            case PROBLEM -> "PROBLEM  ";
        } + subject + ": " + message + (fix == null ? "" : "; fix: " + fix);
    }
}
