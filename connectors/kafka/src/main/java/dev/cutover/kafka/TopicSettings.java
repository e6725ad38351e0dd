package dev.cutover.kafka;

/**
 * How change topics are created.
 *
 * @param partitions partitions per change topic; records of one row always go to one partition,
 *     so this bounds how many applier instances share a topic
 * @param replicationFactor replicas of every topic Cutover creates (change, schemas, dead-letter)
 */
public record TopicSettings(int partitions, short replicationFactor) {

    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, was " + replicationFactor);
        }
    }
}
