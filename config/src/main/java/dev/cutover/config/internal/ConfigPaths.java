package dev.cutover.config.internal;

/** Builds the paths that name configuration values in problems, e.g. {@code bindings[0].columns.stat_cd}. */
final class ConfigPaths {

    private ConfigPaths() {
    }

    /** The path of {@code key} inside the mapping at {@code parent} (empty for the top level). */
    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** The path of the {@code index}th element of the list at {@code parent}. */
    static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
