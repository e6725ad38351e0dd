package dev.cutover.core.pipeline.spi;

import dev.cutover.core.event.ChangeEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link ChangeApplier} that can say which transaction committed a batch, as the target's
 * capture names it. The arbiter of two-way bindings needs it: its commits come back to the other
 * side, and the reflection guard must know which change is whose reflection.
 *
 * <p>Not thread-safe, as {@link ChangeApplier}.
 */
public interface TransactionReportingApplier extends ChangeApplier {

    /**
     * As {@link #apply(List)}, and tells {@code committed}, before returning, the id of the
     * transaction that committed the batch (null when it wrote nothing, or the database cannot tell).
     *
     * @param committed told once per committed batch; null for no report (and no extra query)
     */
    ApplyResult apply(List<ChangeEvent> changes, Consumer<String> committed) throws ApplyException;
}
