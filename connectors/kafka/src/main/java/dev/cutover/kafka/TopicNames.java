package dev.cutover.kafka;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.util.Objects;

/**
 * The names of a bridge's topics. Predictable on purpose: the new system may consume its
 * {@code <bridge>.new.<table>} topics directly.
 *
 * <ul>
 *   <li>changes bound for a table: {@code <bridge>.<new|legacy>.<table>}, where {@code <table>} is
 *       the table name alone for the {@code public} schema (or when there is no schema) and
 *       {@code <schema>_<table>} otherwise;
 *   <li>the Avro schemas of all those topics: {@code <bridge>._schemas} (compacted);
 *   <li>parked changes: {@code <bridge>._deadletter};
 *   <li>the conflict log of two-way bindings: {@code <bridge>._conflicts} (kept forever);
 *   <li>the lifecycle history of the bridge and its bindings: {@code <bridge>._history} (kept forever).
 * </ul>
 *
 * <p>Characters Kafka does not allow in a topic name (anything but ASCII letters, digits,
 * {@code .}, {@code _} and {@code -}) and dots inside a table or schema name become {@code _}.
 * The bridge name is used as it is and must already be legal.
 *
 * <p>Stateless and thread-safe.
 */
public final class TopicNames {

    /** Kafka's limit on the length of a topic name. */
    public static final int MAX_LENGTH = 249;
    private static final String DEFAULT_SCHEMA = "public";

    private TopicNames() {
    }

    /**
     * The topic that carries changes bound for {@code targetTable} on {@code targetSide}.
     *
     * @throws IllegalArgumentException when the bridge name is not a legal topic name part or the
     *     resulting name is longer than {@value #MAX_LENGTH} characters
     */
    public static String changes(String bridge, SystemSide targetSide, TableId targetTable) {
        Objects.requireNonNull(targetSide, "targetSide");
        Objects.requireNonNull(targetTable, "targetTable");
        return checked(bridge(bridge) + "." + targetSide.label() + "." + tableToken(targetTable));
    }

    /** The compacted topic holding the Avro schema of every change topic of {@code bridge}. */
    public static String schemas(String bridge) {
        return checked(bridge(bridge) + "._schemas");
    }

    /** The topic holding changes of {@code bridge} that could not be decoded or applied. */
    public static String deadLetters(String bridge) {
        return checked(bridge(bridge) + "._deadletter");
    }

    /** The topic holding, in capture order, the changes of {@code bridge}'s bindings paused for schema drift. */
    public static String held(String bridge) {
        return checked(bridge(bridge) + "._held");
    }

    /** The topic holding the conflict log of {@code bridge}: conflicts, held changes and resolutions. */
    public static String conflicts(String bridge) {
        return checked(bridge(bridge) + "._conflicts");
    }

    /** The topic holding the lifecycle history of {@code bridge} and its bindings, in the order it happened. */
    public static String history(String bridge) {
        return checked(bridge(bridge) + "._history");
    }

    /**
     * The table part of a change topic name (also used for Avro record names): the table alone
     * in the {@code public} schema or without a schema, {@code <schema>_<table>} otherwise.
     */
    public static String tableToken(TableId table) {
        String schema = table.schema();
        String name = schema.isEmpty() || schema.equals(DEFAULT_SCHEMA) ? table.table() : schema + "_" + table.table();
        return sanitize(name);
    }

    private static String bridge(String bridge) {
        Objects.requireNonNull(bridge, "bridge");
        boolean legal = !bridge.isEmpty();
        for (int i = 0; i < bridge.length() && legal; i++) {
            legal = legal(bridge.charAt(i)) || bridge.charAt(i) == '.';
        }
        if (!legal) {
            throw new IllegalArgumentException("bridge name '" + bridge
                    + "' cannot start a Kafka topic name: use ASCII letters, digits, '.', '_' and '-' only");
        }
        return bridge;
    }

    private static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(legal(c) ? c : '_');
        }
        return sb.toString();
    }

    /** Legal in a topic name, except '.', which separates the parts of ours. */
    private static boolean legal(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static String checked(String topic) {
        if (topic.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("topic name '" + topic + "' is longer than Kafka's limit of "
                    + MAX_LENGTH + " characters; shorten the bridge or table name");
        }
        return topic;
    }
}
