package dev.cutover.config;

import dev.cutover.config.internal.ReferenceWriter;

/**
 * The Markdown configuration reference, generated from the key declarations the loader uses:
 * one table per section (key, type, default, allowed values, description), the column mapping
 * object's keys, the built-in conversions and how references work. Deterministic, so the README
 * copy can be checked against it. Thread-safe.
 */
public final class ConfigReference {

    private ConfigReference() {
    }

    /** The reference as Markdown, starting at heading level 3 and ending with a line break. */
    public static String markdown() {
        return ReferenceWriter.markdown();
    }
}
