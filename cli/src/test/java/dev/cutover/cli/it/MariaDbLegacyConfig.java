package dev.cutover.cli.it;

import dev.cutover.testkit.kafka.SharedKafka;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bridge configuration capturing {@code cust_mstr (cust_id, cust_nm)} of a MariaDB legacy
 * database into {@code customers (id, full_name)} of a PostgreSQL new one, over the shared Kafka
 * broker, for the tests of what is checked and measured on a captured MariaDB.
 */
final class MariaDbLegacyConfig {

    private MariaDbLegacyConfig() {
    }

    /**
     * Writes {@code dir/<file>}; {@code data-dir} is {@code dir/state}.
     *
     * @param password empty when the user has none
     * @param tuning flow-style keys of the {@code tuning} section, or empty
     */
    static Path write(Path dir, String file, String bridge, MariaDbTestDatabase maria, String user, String password,
            PostgresTestDatabase pg, String tuning) throws IOException {
        String yaml = """
                name: %s
                data-dir: state
                kafka: { bootstrap: "%s" }
                systems:
                  legacy: { kind: mariadb, jdbc-url: "%s", user: %s%s }
                  new:    { kind: postgresql, jdbc-url: "%s", user: %s }
                http: { address: "127.0.0.1:0" }
                tuning: { %s }
                bindings:
                  - name: cust
                    legacy: %s.cust_mstr
                    new: public.customers
                    direction: legacy-to-new
                    columns: { cust_id: id, cust_nm: full_name }
                """.formatted(bridge, SharedKafka.bootstrapServers(), maria.jdbcUrl(), user,
                password == null || password.isEmpty() ? "" : ", password: \"" + password + "\"", pg.jdbcUrl(), pg.user(),
                tuning, maria.name());
        Files.createDirectories(dir);
        Path path = dir.resolve(file);
        Files.writeString(path, yaml);
        return path;
    }
}
