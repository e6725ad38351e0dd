package dev.cutover.config.internal;

/** The messages for features that are recognised but not available in this version. Stateless. */
final class Unavailable {

    private Unavailable() {
    }

    /** For a recognised value of {@code key} that cannot be used yet. */
    static String value(String key, String label, String available) {
        return "'" + label + "' is not available yet in this version (planned); use " + key + ": " + available;
    }
}
