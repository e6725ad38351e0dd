package dev.cutover.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.TableId;
import dev.cutover.testkit.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key generator scenarios every family must pass ({@link KeyGenerators}): the generator of a
 * generated key column is found with its next value, the highest key is read, and moving the
 * generator past a key raises it and never lowers it. Tables: {@code items} with a generated
 * {@code id}, {@code plain} with a key that nothing generates.
 */
public abstract class AbstractKeyGeneratorsIT {

    protected KeyGenerators generators;

    /** This class's database, fresh for the class. */
    protected abstract TestDatabase database();

    /** The family key, e.g. {@code postgresql}. */
    protected abstract String family();

    /** The id of a table of the test schema. */
    protected abstract TableId table(String name);

    /** {@code CREATE TABLE items} with a generated 64-bit integer {@code id} key counting up by one, and a text {@code note}. */
    protected abstract String generatedItemsDdl();

    @BeforeEach
    void createTables() {
        database().execute("DROP TABLE IF EXISTS items", "DROP TABLE IF EXISTS plain", generatedItemsDdl(),
                "CREATE TABLE plain (id bigint PRIMARY KEY, code varchar(10) NOT NULL)");
        generators = DatabaseSupports.forFamily(family()).orElseThrow().keyGenerators();
    }

    @Test
    void findsTheGeneratorWithTheValueItHandsOutNext() throws Exception {
        database().execute("INSERT INTO items (note) VALUES ('a')", "INSERT INTO items (note) VALUES ('b')");

        KeyGenerator generator = find("items", "id").orElseThrow();

        assertThat(generator.table()).isEqualTo(table("items"));
        assertThat(generator.column()).isEqualTo("id");
        assertThat(generator.nextValue()).isEqualTo(3);
        assertThat(generator.increment()).isEqualTo(1);
        assertThat(generator.maxValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(insertedKey()).as("what the database then hands out").isEqualTo(3);
    }

    @Test
    void columnsAndTablesWithoutAGeneratorHaveNone() throws Exception {
        assertThat(find("plain", "id")).isEmpty();
        assertThat(find("items", "note")).isEmpty();
        assertThat(find("items", "missing")).isEmpty();
        assertThat(find("missing", "id")).isEmpty();
    }

    @Test
    void theHighestKeyIsReadAndAnEmptyTableHasNone() throws Exception {
        try (Connection c = database().connect()) {
            assertThat(generators.maxKey(c, table("plain"), "id")).isEmpty();
            database().execute("INSERT INTO plain VALUES (7, 'x')", "INSERT INTO plain VALUES (-3, 'y')");
            assertThat(generators.maxKey(c, table("plain"), "id")).hasValue(7);
        }
    }

    @Test
    void advancingPastTheOtherSidesHighestKeyMakesInsertsTakeKeysAboveIt() throws Exception {
        database().execute("INSERT INTO items (note) VALUES ('a')");
        try (Connection c = database().connect()) {
            KeyGenerator moved = generators.advancePast(c, find("items", "id").orElseThrow(), 1000);

            assertThat(moved.nextValue()).isEqualTo(1001);
        }
        assertThat(insertedKey()).isEqualTo(1001);
        assertThat(insertedKey()).isEqualTo(1002);
    }

    @Test
    void advancingNeverLowersTheGenerator() throws Exception {
        database().execute("INSERT INTO items (id, note) VALUES (500, 'explicit')");
        try (Connection c = database().connect()) {
            KeyGenerator before = generators.advancePast(c, find("items", "id").orElseThrow(), 800);
            KeyGenerator after = generators.advancePast(c, before, 20);

            assertThat(after.nextValue()).isEqualTo(801);
            assertThat(generators.advancePast(c, after, 800).nextValue()).as("already past").isEqualTo(801);
        }
        assertThat(insertedKey()).isEqualTo(801);
    }

    @Test
    void aStaleReadingDoesNotLowerTheGenerator() throws Exception {
        KeyGenerator stale = find("items", "id").orElseThrow();
        try (Connection c = database().connect()) {
            generators.advancePast(c, stale, 900);
            assertThat(generators.advancePast(c, stale, 100).nextValue()).isEqualTo(901);
        }
    }

    protected final Optional<KeyGenerator> find(String table, String column) throws Exception {
        try (Connection c = database().connect()) {
            return generators.find(c, table(table), column);
        }
    }

    /** Inserts a row into {@code items} without a key and returns the key the database gave it. */
    protected final long insertedKey() {
        database().execute("INSERT INTO items (note) VALUES ('generated')");
        List<Map<String, Object>> rows = database().queryRows("SELECT max(id) AS id FROM items WHERE note = 'generated'");
        long key = ((Number) rows.get(0).get("id")).longValue();
        database().execute("UPDATE items SET note = 'seen' WHERE note = 'generated'");
        return key;
    }
}
