package dev.cutover.kafka;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * The Avro schemas of one change topic's records.
 *
 * @param topic the change topic
 * @param key the schema of record keys: a record of the key columns
 * @param value the schema of record values: the change envelope
 */
public record TopicSchemas(String topic, Schema key, Schema value) {

    public TopicSchemas {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** The schemas {@link AvroSchemas} derives for {@code route} in {@code bridge}. */
    public static TopicSchemas of(String bridge, BindingRoute route) {
        return new TopicSchemas(route.topic(),
                AvroSchemas.keySchema(bridge, route.targetSide(), route.targetSchema()),
                AvroSchemas.valueSchema(bridge, route.targetSide(), route.targetSchema()));
    }
}
