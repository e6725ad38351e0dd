package dev.cutover.core.mapping;

import java.util.Objects;

/**
 * One thing wrong with a binding's mapping, found when it was compiled against the real table
 * schemas or when a row could not be mapped.
 *
 * <p>{@code location} is relative to the binding's entry in the configuration file, so that the
 * caller can prefix it (e.g. {@code bindings[0].}): {@code columns.<legacy column>},
 * {@code columns.<legacy column>.values}, {@code columns.<legacy column>.convert},
 * {@code defaults.<new column>}, {@code legacy-defaults.<legacy column>}, {@code key},
 * {@code mapper.class} or {@code mapper.options}.
 *
 * @param location where in the binding's configuration the problem lies; never null
 * @param message what is wrong, naming the table, the column and what is allowed; never null
 */
public record MappingProblem(String location, String message) {

    public MappingProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
