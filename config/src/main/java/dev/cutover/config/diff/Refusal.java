package dev.cutover.config.diff;

import java.util.Objects;

/**
 * Why a reload cannot apply its plan, and where in the configuration file the cause is.
 *
 * @param path the configuration path, e.g. {@code kafka.bootstrap} or {@code bindings[2].direction}
 * @param reason what is wrong and what to do instead; never holds a configured value that may be secret
 */
public record Refusal(String path, String reason) {

    public Refusal {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
