package dev.cutover.core.mapping;

import dev.cutover.core.schema.ColumnType;

/**
 * The compiled mapping of one column's non-null value into the target column's canonical type.
 * Implementations are immutable and thread-safe.
 */
@FunctionalInterface
interface ValueFunction {

    /**
     * @param value a non-null canonical value of the source column
     * @return the target column's value in its canonical type
     * @throws IllegalArgumentException naming the problem when the value cannot be mapped
     */
    Object apply(Object value);

    /** Coerces to {@code target}: same type or a lossless widening (or its checked narrowing inverse). */
    static ValueFunction coercingTo(ColumnType target) {
        return value -> ValueCoercion.coerce(value, target);
    }

    /** Applies one direction of {@code conversion}, then coerces the result to {@code target}. */
    static ValueFunction converting(Conversion conversion, boolean toNew, ColumnType target) {
        return toNew
                ? value -> ValueCoercion.coerce(conversion.toNew(value), target)
                : value -> ValueCoercion.coerce(conversion.toLegacy(value), target);
    }
}
