package dev.cutover.jdbc.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.AbstractKeyGeneratorsIT;
import dev.cutover.jdbc.KeyGenerator;
import dev.cutover.testkit.TestDatabase;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MariaDB's key generators ({@link AbstractKeyGeneratorsIT}): a column's {@code AUTO_INCREMENT}. */
class MariaDbKeyGeneratorsIT extends AbstractKeyGeneratorsIT {

    private static MariaDbTestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = MariaDbTestDatabase.create("cutover_keys");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Override
    protected TestDatabase database() {
        return db;
    }

    @Override
    protected String family() {
        return "mariadb";
    }

    @Override
    protected TableId table(String name) {
        return new TableId(db.name(), name);
    }

    @Override
    protected String generatedItemsDdl() {
        return "CREATE TABLE items (id bigint AUTO_INCREMENT PRIMARY KEY, note text)";
    }

    @Test
    void anAutoIncrementIsNamedByItsTableAndFollowsExplicitKeysAtOnce() throws Exception {
        db.execute("INSERT INTO items (id, note) VALUES (41, 'explicit')");

        KeyGenerator counter = find("items", "id").orElseThrow();

        assertThat(counter.kind()).isEqualTo(KeyGenerator.Kind.AUTO_INCREMENT);
        assertThat(counter.displayName()).isEqualTo("`" + db.name() + "`.`items`.AUTO_INCREMENT");
        assertThat(counter.nextValue()).as("information_schema is not stale").isEqualTo(42);
    }

    @Test
    void anUnsignedColumnReachesTwiceAsFar() throws Exception {
        db.execute("DROP TABLE IF EXISTS small", "CREATE TABLE small (id smallint unsigned AUTO_INCREMENT PRIMARY KEY)");

        assertThat(find("small", "id").orElseThrow().maxValue()).isEqualTo(65_535);
    }
}
