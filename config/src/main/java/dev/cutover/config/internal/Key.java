package dev.cutover.config.internal;

import java.util.Objects;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The one declaration of a configuration key: name, type, default, validator and a one-sentence
 * doc. The reference is generated from these declarations, and the default shown there is the
 * very value the loader uses, so the two cannot drift. Immutable and thread-safe.
 *
 * @param name the key as written in the file
 * @param type how its value is read
 * @param required true when the key must be present
 * @param defaultValue the value when absent, or null for none (then {@link ValueType#absent} decides)
 * @param defaultText how the reference shows a default that is computed, or null
 * @param validator a rule the typed value must satisfy, or null
 * @param sensitive true when the value is a secret and must never be quoted
 * @param doc one sentence for the reference
 * @param <T> the value type
 */
public record Key<T>(String name, ValueType<T> type, boolean required, T defaultValue, String defaultText,
        Validator<? super T> validator, boolean sensitive, String doc) {

    public Key {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
    }

    static <T> Key<T> required(String name, ValueType<T> type, String doc) {
        return new Key<>(name, type, true, null, null, null, false, doc);
    }

    static <T> Key<T> optional(String name, ValueType<T> type, String doc) {
        return new Key<>(name, type, false, null, null, null, false, doc);
    }

    static <T> Key<T> withDefault(String name, ValueType<T> type, T defaultValue, String doc) {
        return new Key<>(name, type, false, Objects.requireNonNull(defaultValue, "defaultValue"), null, null, false, doc);
    }

    Key<T> validatedBy(Validator<? super T> rule) {
        return new Key<>(name, type, required, defaultValue, defaultText, rule, sensitive, doc);
    }

    Key<T> withDefaultText(String text) {
        return new Key<>(name, type, required, defaultValue, text, validator, sensitive, doc);
    }

    Key<T> asSensitive() {
        return new Key<>(name, type, required, defaultValue, defaultText, validator, true, doc);
    }

    /** Reads and validates the key's value, or returns null after reporting why it is invalid. */
    T read(Node node, String path, ParseContext ctx) {
        T value = type.read(node, path, ctx);
        if (value != null && validator != null) {
            String problem = validator.problem(value);
            if (problem != null) {
                // Quote scalars as the file spells them, unless secret; a list or map is not worth quoting.
                boolean quote = !sensitive && node instanceof ScalarNode;
                ctx.problem(node, path, quote ? problem + ", got " + Nodes.quote(node) : problem);
                return null;
            }
        }
        return value;
    }

    /** The default for the reference: {@code required}, a computed description, the value, or a dash. */
    public String defaultDescription() {
        if (required) {
            return "required";
        }
        if (defaultText != null) {
            return defaultText;
        }
        if (defaultValue == null) {
            return "—";
        }
        return "`" + type.render(defaultValue) + "`";
    }

    /** The allowed values for the reference. */
    public String allowedDescription() {
        return validator != null ? validator.allowed() : type.allowed();
    }
}
