package dev.cutover.service.runtime;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.kafka.BindingRoute;

/**
 * A configured binding checked against the real schemas of both tables.
 *
 * @param options the binding as configured
 * @param mapping the compiled mapping between the two tables
 * @param route where its mapped changes are published and which schema they carry
 */
public record CompiledBinding(BindingOptions options, TableMapping mapping, BindingRoute route) {

    /** The binding's name. */
    public String name() {
        return options.name();
    }

    /** The side whose database is captured for this binding. */
    public SystemSide source() {
        return sourceOf(options.direction());
    }

    /** The side whose database this binding writes. */
    public SystemSide target() {
        return source().opposite();
    }

    /** The captured table. */
    public dev.cutover.core.event.TableId sourceTable() {
        return (source() == SystemSide.LEGACY ? mapping.legacySchema() : mapping.newSchema()).table();
    }

    /** The captured side of a one-way direction. */
    static SystemSide sourceOf(Direction direction) {
        return switch (direction) {
            case LEGACY_TO_NEW -> SystemSide.LEGACY;
            case NEW_TO_LEGACY -> SystemSide.NEW;
            case TWO_WAY, NONE -> throw new IllegalArgumentException("direction " + direction.label() + " has no single source side");
        };
    }
}
