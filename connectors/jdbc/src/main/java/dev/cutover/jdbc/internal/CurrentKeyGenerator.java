package dev.cutover.jdbc.internal;

import dev.cutover.jdbc.KeyGenerator;
import dev.cutover.jdbc.KeyGenerators;
import java.sql.Connection;
import java.sql.SQLException;

/** Reads a key generator again before it is moved, so that a stale reading never lowers it. Stateless. */
public final class CurrentKeyGenerator {

    private CurrentKeyGenerator() {
    }

    /**
     * {@code generator} as its column's generator is now.
     *
     * @throws IllegalArgumentException when the column has no generator any more, or it descends
     */
    public static KeyGenerator read(KeyGenerators generators, Connection connection, KeyGenerator generator) throws SQLException {
        KeyGenerator current = generators.find(connection, generator.table(), generator.column())
                .orElseThrow(() -> new IllegalArgumentException("column " + generator.column() + " of table " + generator.table()
                        + " is no longer fed by " + generator.displayName()));
        if (!current.ascending()) {
            throw new IllegalArgumentException("cannot move " + current.describe() + " past a key: it counts down");
        }
        return current;
    }
}
