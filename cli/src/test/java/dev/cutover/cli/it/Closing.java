package dev.cutover.cli.it;

/** Closes a test's resources in the order given, every one of them even when an earlier close fails. */
final class Closing {

    private Closing() {
    }

    /** Closes each non-null resource in order; the first failure is thrown with the later ones suppressed. */
    static void all(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
