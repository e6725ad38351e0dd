package dev.cutover.cli.it;

import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;

/** The flow-style body of a {@code systems.<side>} entry for a test database (its user has no password). */
final class SystemsYaml {

    private SystemsYaml() {
    }

    static String mariaDb(MariaDbTestDatabase db) {
        return "kind: mariadb, jdbc-url: \"" + db.jdbcUrl() + "\", user: " + db.user();
    }

    static String postgres(PostgresTestDatabase db) {
        return "kind: postgresql, jdbc-url: \"" + db.jdbcUrl() + "\", user: " + db.user();
    }
}
