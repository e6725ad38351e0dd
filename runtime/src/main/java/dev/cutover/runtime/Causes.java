package dev.cutover.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Turns an exception chain into the one line a person reads on standard error. Stateless. */
public final class Causes {

    private Causes() {
    }

    /**
     * The messages of {@code e} and its causes, outermost first, joined by {@code ": "} on one line.
     * A message a wrapper already repeats (Java's default {@code new X(cause)} message is the cause's
     * {@code toString}) is left out, and an exception without a message shows its class name.
     */
    public static String oneLine(Throwable e) {
        List<String> parts = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName()
                    : t.getMessage().replaceAll("\\s*\\R\\s*", " ").strip();
            boolean repeated = parts.stream().anyMatch(p -> p.contains(message));
            if (!repeated) {
                String wrapped = t.getCause() == null ? null : t.getCause().toString();
                if (!message.equals(wrapped)) {
                    parts.add(message);
                }
            }
        }
        return String.join(": ", parts);
    }
}
