package dev.cutover.config.internal;

import java.util.List;
import java.util.Objects;

/**
 * The declared keys of one mapping in the file, such as {@code kafka} or {@code bindings[]}.
 * Immutable and thread-safe.
 *
 * @param title how the reference names the section, e.g. {@code bindings[].mapper}
 * @param doc one or two sentences for the reference
 * @param keys the keys, in documentation order
 */
public record Section(String title, String doc, List<Key<?>> keys) {

    public Section {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(doc, "doc");
        keys = List.copyOf(keys);
    }

    /** The key names, in documentation order. */
    public List<String> names() {
        return keys.stream().map(Key::name).toList();
    }
}
