package dev.cutover.config.internal;

/**
 * A string value after references were resolved.
 *
 * @param value the resolved value
 * @param referenced true when any part came from a {@code ${...}} reference, which makes the whole
 *     value secret wherever Cutover shows free-form values (Kafka properties, mapper options,
 *     conflict resolver options)
 */
public record Text(String value, boolean referenced) {
}
