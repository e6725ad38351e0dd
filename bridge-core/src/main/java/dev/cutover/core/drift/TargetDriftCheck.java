package dev.cutover.core.drift;

/**
 * Compares a binding's written table, as its database declares it now, with the columns the
 * compiled mapping writes ({@link SchemaDrift#ofTarget}). An applier asks after the target
 * refused changes, to tell a schema that drifted from a change that is wrong.
 *
 * <p>Implementations read the catalog on every call and must be thread-safe.
 */
@FunctionalInterface
public interface TargetDriftCheck {

    /**
     * @param binding the binding whose written table to check
     * @return the differences found (possibly none), or null when the binding is not one this check knows
     * @throws Exception when the catalog cannot be read; the caller then treats the refusal as before
     */
    DriftReport check(String binding) throws Exception;
}
