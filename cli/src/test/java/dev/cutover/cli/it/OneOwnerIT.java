package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.runtime.BridgeService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second {@code cutover run} of a configuration that is already running refuses at once, names
 * the running bridge's process, and touches nothing: the running bridge (with its embedded
 * broker, whose metadata log a second controller would corrupt) keeps streaming.
 */
class OneOwnerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aSecondRunOnTheSameDataDirectoryIsRefusedWithOneLineNamingTheHolder() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_owner", dir.resolve("owner")).withEmbeddedKafka()) {
            fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL);
            fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL);
            Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING);
            BridgeService running = fixture.start();
            Readiness.awaitReady(running, TIMEOUT, fixture.legacy, fixture.neu);

            Process second = ServiceProcess.run(config, "second");
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("the second run ends by itself").isTrue();

            List<String> output = Files.readAllLines(ServiceProcess.log(config, "second"));
            assertThat(second.exitValue()).as("exit code; output: %s", output).isEqualTo(2);
            assertThat(output).as("output").isNotEmpty();
            assertThat(output.get(output.size() - 1))
                    .startsWith("cutover: cannot start bridge '" + fixture.name + "': data directory ")
                    .contains("in use by another bridge (pid " + ProcessHandle.current().pid() + ", bridge '" + fixture.name + "'");
            assertThat(String.join("\n", output)).as("the refused run started no broker").doesNotContain("Embedded Kafka broker");

            fixture.legacy.execute("INSERT INTO cust_mstr (cust_id, cust_nm, stat_cd, crt_epoch) VALUES (1, 'after', 'A', 1700000000)");
            assertThat(fixture.awaitInSync("customers", TIMEOUT).newRows()).as("the running bridge still applies").isEqualTo(1);
            assertThat(running.isReady()).isTrue();
        }
    }
}
