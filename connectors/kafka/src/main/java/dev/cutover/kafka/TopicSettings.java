package dev.cutover.kafka;

import java.util.Objects;

/**
 * How change topics are created.
 *
 * @param partitions partitions per change topic; records of one row always go to one partition,
 *     so this bounds how many applier instances share a topic
 * @param replicationFactor replicas of every topic Cutover creates (change, schemas, dead-letter)
 * @param recordLimit the largest record; every topic Cutover creates or verifies takes records of
 *     that size ({@code max.message.bytes})
 */
public record TopicSettings(int partitions, short replicationFactor, RecordSizeLimit recordLimit) {

    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, was " + replicationFactor);
        }
        Objects.requireNonNull(recordLimit, "recordLimit");
    }

    /** Settings for records up to {@link RecordSizeLimit#DEFAULT}. */
    public TopicSettings(int partitions, short replicationFactor) {
        this(partitions, replicationFactor, RecordSizeLimit.DEFAULT);
    }
}
