package dev.cutover.runtime;

import java.util.function.BiConsumer;

/**
 * Passes the first failure of a pipeline's components (a capture, an applier) on to whoever stops
 * the bridge, as it happens rather than when a watchdog next looks. A failure while the pipeline
 * is still starting is kept until {@link #arm} (the bridge is not running yet, so stopping it is
 * the start's own business), and one after {@link #close} is a consequence of stopping, not a
 * cause. Thread-safe: components report from their own threads.
 */
final class ComponentFailures {

    private BiConsumer<String, Throwable> target;
    private String earlyComponent;
    private Throwable earlyCause;
    private boolean reported;
    private boolean closed;

    /** Reports to {@code onFailure} from now on, first the failure that came before, if any. */
    void arm(BiConsumer<String, Throwable> onFailure) {
        String component;
        Throwable cause;
        synchronized (this) {
            target = onFailure;
            component = earlyComponent;
            cause = earlyCause;
        }
        if (cause != null) {
            report(component, cause);
        }
    }

    /** {@code component} failed with {@code cause}. */
    void failed(String component, Throwable cause) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (target == null) {
                if (earlyCause == null) {
                    earlyComponent = component;
                    earlyCause = cause;
                }
                return;
            }
        }
        report(component, cause);
    }

    /** Later failures are consequences of stopping: nobody hears of them. */
    synchronized void close() {
        closed = true;
    }

    private void report(String component, Throwable cause) {
        BiConsumer<String, Throwable> to;
        synchronized (this) {
            if (reported || closed) {
                return;
            }
            reported = true;
            to = target;
        }
        // Outside the lock: the target stops the pipeline, which waits for the reporting thread's component.
        to.accept(component, cause);
    }
}
