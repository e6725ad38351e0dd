package dev.cutover.config.internal;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.event.TableId;

/**
 * A binding as read, kept even when invalid so that checks across bindings still run.
 *
 * @param values the binding's checked values, for positions in messages
 * @param name its name, or null when invalid
 * @param nameDefaulted true when the name was derived from the new table
 * @param legacyTable the legacy table, or null when invalid
 * @param newTable the new table, or null when invalid
 * @param options the finished binding, or null when anything about it is invalid
 */
record ParsedBinding(Values values, String name, boolean nameDefaulted, TableId legacyTable, TableId newTable,
        BindingOptions options) {
}
