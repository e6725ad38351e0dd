package dev.cutover.config.internal;

import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * How one kind of configuration value is read from YAML. Implementations are immutable and
 * thread-safe; they report every problem to the {@link ParseContext} and never coerce a value of
 * another type.
 *
 * @param <T> the Java type read
 */
public interface ValueType<T> {

    /** The type for the reference table, e.g. {@code integer}. */
    String typeName();

    /** The type as a noun phrase for messages, e.g. {@code a list of column names}; "a " and the type name unless overridden. */
    default String expected() {
        return "a " + typeName();
    }

    /**
     * Reads {@code node}.
     *
     * @return the value, or null after reporting why it is invalid
     */
    T read(Node node, String path, ParseContext ctx);

    /** The value of an absent key that declares no default; null for none. */
    default T absent(String path, ParseContext ctx) {
        return null;
    }

    /** How the reference shows a default value of this type. */
    default String render(T value) {
        return String.valueOf(value);
    }

    /** The allowed values for the reference, or empty when any value of the type is allowed. */
    default String allowed() {
        return "";
    }

    /** The sections nested in values of this type, for the reference. */
    default List<Section> sections() {
        return List.of();
    }
}
