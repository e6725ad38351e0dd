package dev.cutover.core.pipeline.spi;

import dev.cutover.core.event.ChangeEvent;

/**
 * Says which binding a change of a batch belongs to, as the transport that delivered it knows (the
 * topic it was read from, say).
 *
 * <p>Called from the apply thread only.
 */
@FunctionalInterface
public interface BindingAttribution {

    /** Knows nothing: the binding is then told by the change's table. */
    BindingAttribution NONE = change -> null;

    /**
     * @param change one of the batch's changes, by identity
     * @return its binding, or null when this does not know it
     */
    String bindingOf(ChangeEvent change);
}
