package dev.cutover.service.runtime;

import dev.cutover.core.schema.TableSchema;

/**
 * A two-way binding as one of its appliers writes it: the binding's name and its table on that
 * applier's side.
 */
record TwoWayTarget(String binding, TableSchema schema) {
}
