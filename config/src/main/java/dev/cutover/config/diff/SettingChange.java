package dev.cutover.config.diff;

import java.util.Objects;

/**
 * One thing that differs in a binding between the running configuration and the next.
 *
 * @param aspect which part of the binding
 * @param path the configuration path in the next file, e.g. {@code bindings[1].columns}
 * @param detail what changed, e.g. {@code columns added: email}; names, never secret values
 */
public record SettingChange(Aspect aspect, String path, String detail) {

    public SettingChange {
        Objects.requireNonNull(aspect, "aspect");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(detail, "detail");
    }
}
