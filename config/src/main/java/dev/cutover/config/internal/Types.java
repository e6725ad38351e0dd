package dev.cutover.config.internal;

import dev.cutover.config.ByteSize;
import dev.cutover.config.Secret;
import dev.cutover.core.event.TableId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The scalar value types. Strings resolve {@code ${...}} references; no type accepts a scalar of
 * another YAML type (a quoted {@code "5"} is not an integer). Stateless.
 */
final class Types {

    /** The schema a table name without one gets. */
    static final String DEFAULT_SCHEMA = "public";

    private static final ValueType<String> STRING = new Scalar<>("string", "a string", Nodes::isString, Types::string);
    private static final ValueType<Text> TEXT = new Scalar<>("scalar", "a scalar", n -> !Nodes.isNull(n), Types::text);

    private Types() {
    }

    /** A non-blank string. */
    static ValueType<String> string() {
        return STRING;
    }

    /** Any non-null scalar as text, as the file spells it (strings with references resolved). */
    static ValueType<Text> text() {
        return TEXT;
    }

    static ValueType<Integer> integer() {
        return new Scalar<>("integer", "an integer", n -> Nodes.hasTag(n, Tag.INT), Types::integer);
    }

    static ValueType<Boolean> bool() {
        return new Scalar<>("boolean", "a boolean", n -> Nodes.hasTag(n, Tag.BOOL), Types::bool);
    }

    /** An ISO-8601 duration such as {@code PT10S}. */
    static ValueType<Duration> duration() {
        return derived(STRING, "duration (ISO-8601)", Duration::parse, "expected an ISO-8601 duration such as PT10S");
    }

    /** An amount of bytes: a string such as {@code 1GiB} or {@code 512MiB}, or an integer number of bytes. */
    static ValueType<ByteSize> byteSize() {
        return new Scalar<>("size", "a size such as 1GiB or a number of bytes",
                n -> Nodes.hasTag(n, Tag.INT) || Nodes.isString(n), Types::byteSize);
    }

    /** A file system path as written; relative paths are resolved by the assembler. */
    static ValueType<Path> path() {
        return derived(STRING, "path", Path::of, "expected a file system path");
    }

    /** {@code [schema.]table}, the schema defaulting to {@value #DEFAULT_SCHEMA}. */
    static ValueType<TableId> table() {
        return derived(STRING, "table name", s -> TableId.parse(s, DEFAULT_SCHEMA),
                "expected a table name of the form [schema.]table");
    }

    static ValueType<Secret> secret() {
        return derived(STRING, "string (secret)", Secret::of, "expected a secret");
    }

    /** A scalar or null: String, Long, BigInteger, BigDecimal, Boolean or null inside the {@link Constant}. */
    static ValueType<Constant> constant() {
        return new Scalar<>("scalar or null", "a scalar or null", n -> true, Types::constant);
    }

    /**
     * A value converted from another type's value; a conversion that throws is reported as
     * {@code failure} followed by the value as the file spells it.
     */
    static <S, T> ValueType<T> derived(ValueType<S> base, String typeName, Function<S, T> convert, String failure) {
        return new ValueType<>() {
            @Override
            public String typeName() {
                return typeName;
            }

            @Override
            public String expected() {
                return base.expected();
            }

            @Override
            public T read(Node node, String path, ParseContext ctx) {
                S value = base.read(node, path, ctx);
                if (value == null) {
                    return null;
                }
                try {
                    return convert.apply(value);
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    ctx.problem(node, path, failure + ", got " + Nodes.quote(node));
                    return null;
                }
            }
        };
    }

    private static String string(ScalarNode node, String path, ParseContext ctx) {
        Text text = ctx.text(node, path);
        if (text != null && text.value().isBlank()) {
            ctx.problem(node, path, "must not be blank");
            return null;
        }
        return text == null ? null : text.value();
    }

    private static Text text(ScalarNode node, String path, ParseContext ctx) {
        return Nodes.isString(node) ? ctx.text(node, path) : new Text(node.getValue(), false);
    }

    private static Integer integer(ScalarNode node, String path, ParseContext ctx) {
        BigInteger value = parseInteger(node, path, ctx);
        if (value == null) {
            return null;
        }
        if (value.bitLength() >= Integer.SIZE) {
            ctx.problem(node, path, "must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ", got "
                    + Nodes.quote(node));
            return null;
        }
        return value.intValue();
    }

    private static ByteSize byteSize(ScalarNode node, String path, ParseContext ctx) {
        if (Nodes.isString(node)) {
            String text = string(node, path, ctx);
            try {
                return text == null ? null : ByteSize.parse(text);
            } catch (IllegalArgumentException e) {
                ctx.problem(node, path, "expected a size such as 1GiB, 512MiB or a number of bytes, got " + Nodes.quote(node));
                return null;
            }
        }
        BigInteger value = parseInteger(node, path, ctx);
        if (value == null) {
            return null;
        }
        if (value.signum() < 0 || value.bitLength() >= Long.SIZE) {
            ctx.problem(node, path, "must be between 0 and " + Long.MAX_VALUE + " bytes, got " + Nodes.quote(node));
            return null;
        }
        return new ByteSize(value.longValue());
    }

    /**
     * Parses the YAML 1.2 core schema's integer forms: decimal, {@code 0o17} and {@code 0x1F}.
     * Only an explicit tag ({@code !!int abc}) can make the text invalid.
     */
    private static BigInteger parseInteger(ScalarNode node, String path, ParseContext ctx) {
        String text = node.getValue();
        try {
            if (text.startsWith("0o")) {
                return new BigInteger(text.substring(2), 8);
            }
            if (text.startsWith("0x")) {
                return new BigInteger(text.substring(2), 16);
            }
            return new BigInteger(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            ctx.problem(node, path, "expected an integer, got " + Nodes.quote(node));
            return null;
        }
    }

    /** The core schema's booleans; an explicit tag ({@code !!bool maybe}) must not turn into false. */
    private static Boolean bool(ScalarNode node, String path, ParseContext ctx) {
        String text = node.getValue().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        ctx.problem(node, path, "expected true or false, got " + Nodes.quote(node));
        return null;
    }

    private static Constant constant(ScalarNode node, String path, ParseContext ctx) {
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return new Constant(null);
        }
        if (Tag.BOOL.equals(tag)) {
            Boolean value = bool(node, path, ctx);
            return value == null ? null : new Constant(value);
        }
        if (Tag.INT.equals(tag)) {
            BigInteger value = parseInteger(node, path, ctx);
            return value == null ? null : new Constant(value.bitLength() < Long.SIZE ? (Object) value.longValue() : value);
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return new Constant(new BigDecimal(node.getValue()));
            } catch (NumberFormatException e) {
                ctx.problem(node, path, "expected a finite number, got " + Nodes.quote(node));
                return null;
            }
        }
        if (Nodes.isString(node)) {
            Text text = ctx.text(node, path);
            return text == null ? null : new Constant(text.value());
        }
        ctx.mismatch(node, path, "a scalar or null");
        return null;
    }

    /** Reads an accepted scalar; returns null after reporting a problem. */
    @FunctionalInterface
    private interface ScalarReader<T> {
        T read(ScalarNode node, String path, ParseContext ctx);
    }

    /** A scalar type: the node must be a scalar the predicate accepts, else a type mismatch. */
    private record Scalar<T>(String typeName, String expected, Predicate<ScalarNode> accepts,
            ScalarReader<T> reader) implements ValueType<T> {

        @Override
        public T read(Node node, String path, ParseContext ctx) {
            if (!(node instanceof ScalarNode scalar) || !accepts.test(scalar)) {
                ctx.mismatch(node, path, expected);
                return null;
            }
            return reader.read(scalar, path, ctx);
        }
    }
}
