package dev.cutover.kafka;

/**
 * Told when an apply loop holds a binding back for a failure of its own (its target table refuses
 * its changes for a reason no retry cures), while the loop goes on with the other bindings. Called
 * on the loop's thread; implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface BindingFailureListener {

    /** {@code binding}'s changes wait from now on, uncommitted, until it is resumed. */
    void onFailed(String binding, Throwable cause);

    /** A listener that ignores everything. */
    static BindingFailureListener none() {
        return (binding, cause) -> { };
    }
}
