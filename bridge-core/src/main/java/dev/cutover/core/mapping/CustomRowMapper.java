package dev.cutover.core.mapping;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.schema.TableSchema;
import java.util.Map;

/**
 * A mapping step written in Java, for what the declarative rules cannot express (a new column
 * computed from several legacy columns, a lookup table, a format no conversion covers).
 *
 * <p><b>Lifecycle.</b> The engine loads the class named by the binding's {@code mapper.class}
 * through the thread context class loader, creates one instance per binding with its public
 * no-argument constructor, and calls {@link #configure} once, before any row. Then it calls
 * {@link #toNew} and {@link #toLegacy} for the life of the service.
 *
 * <p><b>Order.</b> The declarative rules run first in both directions: renames, value maps,
 * conversions and (for after images) defaults. The mapper then receives that result together
 * with the untouched source row and returns the final row. Columns that no rule or default
 * feeds (new columns without a legacy counterpart; ignored NOT NULL legacy columns without a
 * legacy default) are left to the mapper, and it must set them in every after image.
 *
 * <p><b>Rows.</b> A row is either a full after image or a before image, which may be partial
 * (only the key columns of a delete when the source does not log full rows). A mapper maps what
 * is present and adds nothing to a partial row that it cannot derive from it. It must keep the
 * key columns. It returns a row in the target table's column names with canonical values (see
 * {@link RowImage}); the engine refuses columns the target table does not have and coerces
 * values to the target column's type with {@link ValueCoercion}.
 *
 * <p><b>Errors.</b> A row that cannot be mapped is reported by throwing
 * {@link IllegalArgumentException} with a message naming the column and the problem; the engine
 * turns it into a {@link MappingException} that names the event.
 *
 * <p><b>Thread-safety.</b> After {@link #configure} returns, {@link #toNew} and {@link #toLegacy}
 * are called concurrently from several threads: implementations must be thread-safe and should
 * keep no mutable per-row state. They run on the hot path and should not block on I/O.
 *
 * <p>A mapper always provides both directions; a binding that only flows legacy to new may
 * implement {@link #toLegacy} by throwing {@link IllegalArgumentException}.
 */
public interface CustomRowMapper {

    /**
     * Called once before any row.
     *
     * @param options the binding's {@code mapper.options}; never null, possibly empty
     * @param legacy the legacy table as read from the database, with the binding's key
     * @param newTable the new table as read from the database
     * @throws IllegalArgumentException when an option is missing or invalid, naming the option
     *     and what is allowed; reported as a configuration problem at {@code mapper.options}
     */
    void configure(Map<String, String> options, TableSchema legacy, TableSchema newTable);

    /**
     * Finishes a legacy row's mapping onto the new table.
     *
     * @param declarativelyMappedRow the row after the declarative rules, in new column names; never null
     * @param legacyRow the legacy row as captured, in legacy column names; never null
     * @return the row to write into the new table; never null
     */
    RowImage toNew(RowImage declarativelyMappedRow, RowImage legacyRow);

    /**
     * Finishes a new row's mapping back onto the legacy table.
     *
     * @param declarativelyMappedRow the row after the inverse declarative rules, in legacy column names; never null
     * @param newRow the new row as captured, in new column names; never null
     * @return the row to write into the legacy table; never null
     */
    RowImage toLegacy(RowImage declarativelyMappedRow, RowImage newRow);
}
