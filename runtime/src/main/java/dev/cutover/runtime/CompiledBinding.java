package dev.cutover.runtime;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.kafka.BindingRoute;

/**
 * One direction of a configured binding, checked against the real schemas of both tables. A
 * two-way binding compiles to two of these, one per direction, under the same name.
 *
 * @param options the binding as configured
 * @param mapping the compiled mapping between the two tables
 * @param route where its mapped changes are published, which schema they carry and which side they are written to
 */
public record CompiledBinding(BindingOptions options, TableMapping mapping, BindingRoute route) {

    /** The binding's name. */
    public String name() {
        return options.name();
    }

    /** The side whose database is captured for this direction. */
    public SystemSide source() {
        return target().opposite();
    }

    /** The side whose database this direction writes. */
    public SystemSide target() {
        return route.targetSide();
    }

    /** True when both systems take writes: the applier then checks for conflicts and marks its writes. */
    public boolean twoWay() {
        return options.direction() == Direction.TWO_WAY;
    }

    /** True when the binding copies on a schedule: nothing captures its source table. */
    public boolean batched() {
        return options.batched();
    }

    /** The captured (or, for a batch binding, copied) table. */
    public TableId sourceTable() {
        return sourceSchema().table();
    }

    /** The schema of {@link #sourceTable()}. */
    public TableSchema sourceSchema() {
        return source() == SystemSide.LEGACY ? mapping.legacySchema() : mapping.newSchema();
    }
}
