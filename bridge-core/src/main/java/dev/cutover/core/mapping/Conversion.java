package dev.cutover.core.mapping;

import dev.cutover.core.schema.ColumnType;
import java.util.Set;

/**
 * A built-in, named, invertible value conversion between a legacy column and a new column.
 *
 * <p>Implementations are stateless and thread-safe. Both directions take canonical values (see
 * {@link dev.cutover.core.event.RowImage}) of a type listed in {@link #legacyTypes()} or
 * {@link #newTypes()}; null maps to null without being passed in. A direction may return any
 * value that {@link ValueCoercion} turns losslessly into the target column's type (e.g. a
 * {@code Long} for an INT32 column); the mapping engine coerces the result.
 */
public interface Conversion {

    /** The name used in configuration, e.g. {@code epoch-seconds-to-timestamp}. */
    String name();

    /** One sentence for the configuration reference. */
    String description();

    /** The legacy column types this conversion reads. */
    Set<ColumnType> legacyTypes();

    /** The new column types this conversion writes. */
    Set<ColumnType> newTypes();

    /**
     * Converts a legacy value into the new column's value.
     *
     * @throws IllegalArgumentException naming the value's problem when it cannot be converted
     */
    Object toNew(Object legacyValue);

    /**
     * Converts a new value back into the legacy column's value; {@code toLegacy(toNew(v))} equals {@code v}.
     *
     * @throws IllegalArgumentException naming the value's problem when it cannot be converted
     */
    Object toLegacy(Object newValue);
}
