package dev.cutover.cli.check;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One result of a preflight check: something that is as {@code cutover run} needs it, or a
 * problem with the fix. Immutable.
 *
 * @param status whether it is fine
 * @param subject where it lies, as a configuration path when there is one ({@code systems.legacy},
 *     {@code bindings[0].new}, {@code kafka.bootstrap}); never null
 * @param message what was found; never null, never a password
 * @param fix what to do about a problem; null for {@link Status#OK}
 */
public record Finding(Status status, String subject, String message, String fix) {

    /** Whether a finding is fine or stops {@code cutover run}. */
    public enum Status {
        OK, PROBLEM
    }

    public Finding {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        if ((status == Status.PROBLEM) != (fix != null)) {
            throw new IllegalArgumentException("a problem needs a fix, and only a problem has one: " + subject + ": " + message);
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

    public boolean isProblem() {
        return status == Status.PROBLEM;
    }

    /** The same finding with every text passed through {@code redaction}. */
    Finding redacted(UnaryOperator<String> redaction) {
        return new Finding(status, redaction.apply(subject), redaction.apply(message), fix == null ? null : redaction.apply(fix));
    }

    /** One line: {@code ok       subject: message} or {@code PROBLEM  subject: message; fix: ...}. */
    public String line() {
        return (status == Status.OK ? "ok       " : "PROBLEM  ") + subject + ": " + message + (fix == null ? "" : "; fix: " + fix);
    }
}
