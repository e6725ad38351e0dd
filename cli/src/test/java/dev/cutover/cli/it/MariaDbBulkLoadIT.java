package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.config.ConfigLoader;
import dev.cutover.runtime.BridgeService;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first load of a one-way MariaDB → PostgreSQL binding copies the table in bulk (one
 * consistent snapshot read by one connection, written with {@code COPY} in parallel slices) while
 * the legacy application keeps writing: the changes made meanwhile are applied after the copy and
 * the tables end equal.
 */
class MariaDbBulkLoadIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int ROWS = 30_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private MariaDbTestDatabase maria;
    private PostgresTestDatabase pg;

    @AfterEach
    void dropDatabases() throws Exception {
        Closing.all(maria, pg);
    }

    @Test
    void aMariaDbTableCopiedInBulkWhileItsApplicationWritesEndsEqual() throws Exception {
        maria = MariaDbTestDatabase.create("cutover_it_mbulk");
        pg = PostgresTestDatabase.create("cutover_it_mbulk");
        maria.execute("CREATE TABLE cust_mstr (cust_id int PRIMARY KEY, cust_nm varchar(80))",
                "INSERT INTO cust_mstr SELECT seq, CONCAT('customer ', seq) FROM seq_1_to_" + ROWS);
        pg.execute("CREATE TABLE customers (id int PRIMARY KEY, full_name text)");
        Path config = MariaDbLegacyConfig.write(dir, "cutover.yaml", "it_mbulk_" + maria.name().substring(maria.name().length() - 6),
                maria, maria.user(), maria.password(), pg, "");

        try (BridgeService service = new BridgeService(ConfigLoader.load(config), Clock.systemUTC())) {
            service.start();
            try (BackgroundWrites writer = BackgroundWrites.start("legacy-changes", n -> maria.execute(
                    "UPDATE cust_mstr SET cust_nm = 'changed " + n + "' WHERE cust_id = " + (1 + (n * 7919L) % ROWS),
                    "INSERT INTO cust_mstr VALUES (" + (ROWS + 1 + n) + ", 'new " + n + "')"))) {
                writer.awaitMore(1_000);
                writer.stop();
            }

            List<Map<String, Object>> expected = maria.queryRows("SELECT cust_id AS id, cust_nm AS full_name FROM cust_mstr ORDER BY cust_id");
            await("the new table holds the legacy table's rows").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> pg.queryRows("SELECT id, full_name FROM customers ORDER BY id").equals(expected));
            assertThat(events(service, "published")).as("the copied rows never went through Kafka, only the changes did")
                    .isPositive().isLessThan(ROWS);
        }
    }

    private static long events(BridgeService service, String outcome) {
        Matcher m = Pattern.compile("cutover_events_total\\{binding=\"cust\",[^}]*outcome=\"" + outcome + "\"} ([0-9.E]+)")
                .matcher(service.registry().scrape());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }
}
