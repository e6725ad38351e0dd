package dev.cutover.jdbc;

import dev.cutover.core.event.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A database family's key generators ({@link DatabaseSupport#keyGenerators()}): which sequence,
 * identity or {@code AUTO_INCREMENT} feeds a key column, the column's highest value, and moving the
 * generator past a value, so that a side that starts taking inserts (a table turning two-way or
 * new-to-legacy) does not hand out keys the other side already used.
 *
 * <p>Only single integer key columns have generators here; the caller passes one column of a
 * single-column key. Implementations are stateless and thread-safe; every method runs on the
 * caller's connection in its current transaction mode.
 */
public interface KeyGenerators {

    /**
     * The generator feeding {@code column} of {@code table}; empty when the column is not an
     * integer column fed by one (no default, another default, another type) or the table does not
     * exist.
     */
    Optional<KeyGenerator> find(Connection connection, TableId table, String column) throws SQLException;

    /** The highest value of {@code column} in {@code table}; empty when the table has no row with one. */
    OptionalLong maxKey(Connection connection, TableId table, String column) throws SQLException;

    /**
     * Makes the next value {@code generator} hands out greater than {@code value}, unless it
     * already is: never lowers it. Reads the generator again first, so a stale reading never
     * lowers it either.
     *
     * @return the generator as read afterwards
     * @throws IllegalArgumentException when the generator descends, or its column lost it meanwhile
     * @throws SQLException when the database refuses, e.g. {@code value} is beyond the sequence's maximum
     */
    KeyGenerator advancePast(Connection connection, KeyGenerator generator, long value) throws SQLException;
}
