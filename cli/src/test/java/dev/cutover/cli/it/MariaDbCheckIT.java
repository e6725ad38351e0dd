package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover check} of a captured MariaDB database: the binlog settings and the capture user's grants. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbCheckIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private MariaDbTestDatabase maria;
    private PostgresTestDatabase pg;
    private final String user = "cutover_it_norepl_" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    void createDatabases() {
        maria = MariaDbTestDatabase.create("cutover_it_mcheck");
        pg = PostgresTestDatabase.create("cutover_it_mcheck");
        maria.execute("CREATE TABLE cust_mstr (cust_id int PRIMARY KEY, cust_nm varchar(80))",
                "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'",
                "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE ON " + maria.name() + ".* TO '" + user + "'@'%'");
        pg.execute("CREATE TABLE customers (id int PRIMARY KEY, full_name text)");
    }

    @AfterAll
    void dropDatabases() {
        try {
            maria.execute("DROP USER IF EXISTS '" + user + "'@'%'");
            maria.close();
        } finally {
            pg.close();
        }
    }

    @Test
    void aCapturedMariaDbWithBinlogAndAReplicationUserPassesTheBinlogChecks() throws Exception {
        CliRun run = CliRun.of("check", "--config", config("root", "").toString());

        assertThat(run.out()).as(run.printed()).contains("ok       systems.legacy: log_bin is ON")
                .contains("ok       systems.legacy: binlog_format is ROW")
                .contains("ok       systems.legacy: binlog_row_image is FULL")
                .contains("ok       systems.legacy: the user may read the binlog");
    }

    @Test
    void aCaptureUserWithoutReplicationGrantsIsNamedWithTheGrantThatFixesIt() throws Exception {
        CliRun run = CliRun.of("check", "--config", config(user, "pw").toString());

        assertThat(run.code()).as(run.printed()).isEqualTo(1);
        assertThat(run.out()).contains("PROBLEM  systems.legacy: the user lacks REPLICATION SLAVE and BINLOG MONITOR")
                .contains("GRANT SELECT, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO")
                .doesNotContain("pw\"");
    }

    private Path config(String mariaUser, String password) throws Exception {
        return MariaDbLegacyConfig.write(dir, mariaUser + ".yaml", "it_mcheck_" + mariaUser.length(), maria, mariaUser, password, pg, "");
    }
}
