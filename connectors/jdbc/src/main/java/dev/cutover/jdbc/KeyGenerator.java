package dev.cutover.jdbc;

import dev.cutover.core.event.TableId;
import java.util.Objects;

/**
 * The generator that hands out the values of one integer key column, as read at one moment by
 * {@link KeyGenerators}: a sequence (PostgreSQL serial or {@code nextval} default), an identity
 * column, or a MariaDB {@code AUTO_INCREMENT}. Its values are {@code nextValue},
 * {@code nextValue + increment}, ... up to {@code maxValue}. Immutable.
 *
 * @param kind what generates the values
 * @param table the table whose key column it feeds
 * @param column that key column
 * @param object the quoted, qualified name of the sequence, or of the table whose {@code AUTO_INCREMENT} it is
 * @param nextValue the next value it will hand out
 * @param increment the step between its values; negative for a descending sequence, never 0
 * @param maxValue the highest value it hands out for an ascending generator (the lowest for a descending one)
 */
public record KeyGenerator(Kind kind, TableId table, String column, String object, long nextValue, long increment, long maxValue) {

    /** What generates a key column's values. */
    public enum Kind {
        /** A sequence the column's default draws from ({@code serial}, {@code DEFAULT nextval(...)}). */
        SEQUENCE,
        /** The sequence of an identity column ({@code GENERATED ... AS IDENTITY}). */
        IDENTITY,
        /** The table's {@code AUTO_INCREMENT} counter with the server's increment and offset. */
        AUTO_INCREMENT
    }

    public KeyGenerator {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(object, "object");
        if (increment == 0) {
            throw new IllegalArgumentException("the key generator " + object + " has an increment of 0");
        }
    }

    /** True when its values grow, as every generator {@link KeyGenerators#advancePast} can move does. */
    public boolean ascending() {
        return increment > 0;
    }

    /** The generator for messages: the sequence's qualified name, or {@code table.AUTO_INCREMENT}. */
    public String displayName() {
        return kind == Kind.AUTO_INCREMENT ? object + ".AUTO_INCREMENT" : object;
    }

    /** One line for notes and findings, e.g. {@code sequence "public"."items_id_seq" (next 42, increment 1)}. */
    public String describe() {
        return switch (kind) {
            case SEQUENCE -> "sequence ";
            case IDENTITY -> "identity sequence ";
            case AUTO_INCREMENT -> "";
        } + displayName() + " (next " + nextValue + ", increment " + increment + ")";
    }
}
