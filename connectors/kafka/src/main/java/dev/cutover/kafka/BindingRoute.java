package dev.cutover.kafka;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.schema.TableSchema;
import java.util.Objects;

/**
 * Where the changes of one binding travel and what they look like: everything the publisher and
 * the applier's consumer need per binding.
 *
 * @param binding the binding name; never blank
 * @param topic the change topic (see {@link TopicNames#changes}); never blank
 * @param targetSchema the columns of the mapped rows (exactly the columns every mapped image
 *     carries, in order, except that an update's after image may lack non-key columns its source
 *     did not log) and their key; decides the Avro schemas
 * @param targetSide the system the changes are applied to
 */
public record BindingRoute(String binding, String topic, TableSchema targetSchema, SystemSide targetSide) {

    public BindingRoute {
        if (binding == null || binding.isBlank()) {
            throw new IllegalArgumentException("binding name must not be blank");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic of binding '" + binding + "' must not be blank");
        }
        Objects.requireNonNull(targetSchema, "targetSchema");
        Objects.requireNonNull(targetSide, "targetSide");
        if (targetSchema.keyColumns().isEmpty()) {
            throw new IllegalArgumentException("binding '" + binding + "': target table " + targetSchema.table()
                    + " has no key columns; records are keyed by them");
        }
    }

    /** The route of {@code binding} in {@code bridge}, on the topic {@link TopicNames#changes} names. */
    public static BindingRoute of(String bridge, String binding, TableSchema targetSchema, SystemSide targetSide) {
        return new BindingRoute(binding, TopicNames.changes(bridge, targetSide, targetSchema.table()), targetSchema, targetSide);
    }
}
