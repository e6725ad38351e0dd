package dev.cutover.config.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The validators configuration keys use. Stateless. */
final class Validators {

    private Validators() {
    }

    /** Whole-string match of {@code regex}. */
    static Validator<String> pattern(String regex) {
        Pattern p = Pattern.compile(regex);
        return of("`" + regex + "`", v -> p.matcher(v).matches() ? null : "must match " + regex);
    }

    static Validator<Integer> positive() {
        return of("1 or more", v -> v > 0 ? null : "must be positive");
    }

    static Validator<Integer> range(int min, int max) {
        return of(min + " to " + max, v -> v >= min && v <= max ? null : "must be between " + min + " and " + max);
    }

    static Validator<Duration> positiveDuration() {
        return of("more than `PT0S`", v -> v.isNegative() || v.isZero() ? "must be positive" : null);
    }

    /** {@code host:port}, IPv6 hosts in brackets, port from {@code minPort} to 65535. */
    static Validator<String> hostPort(int minPort) {
        String allowed = "host:port with port " + minPort + " to 65535";
        return of(allowed, v -> HostPort.parse(v, minPort) == null ? "expected " + allowed : null);
    }

    /** A comma-separated list of {@code host:port} (port 1 to 65535), or {@code embedded}. */
    static Validator<String> bootstrap(String embedded) {
        return of("`" + embedded + "`, or host:port[,host:port...]", v -> {
            if (v.equals(embedded)) {
                return null;
            }
            for (String server : v.split(",", -1)) {
                if (HostPort.parse(server.trim(), 1) == null) {
                    return "expected " + embedded + " or a comma-separated list of host:port with port 1 to 65535";
                }
            }
            return null;
        });
    }

    /** A fully qualified Java class name. */
    static Validator<String> javaClassName() {
        Pattern p = Pattern.compile("(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*\\.)*"
                + "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");
        return of("a fully qualified class name", v -> p.matcher(v).matches()
                ? null : "expected a fully qualified Java class name such as com.example.MyMapper");
    }

    /** No element twice. */
    static Validator<List<String>> distinct() {
        return of("no duplicates", v -> {
            Set<String> seen = new HashSet<>();
            for (String s : v) {
                if (!seen.add(s)) {
                    return "lists '" + s + "' more than once";
                }
            }
            return null;
        });
    }

    private static <T> Validator<T> of(String allowed, Function<T, String> check) {
        return new Validator<>() {
            @Override
            public String allowed() {
                return allowed;
            }

            @Override
            public String problem(T value) {
                return check.apply(value);
            }
        };
    }
}
