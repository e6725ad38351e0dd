package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.runtime.BridgeService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover plan --config F --url U} asks the running bridge what reloading it to F would do:
 * the configuration difference binding by binding, with the added and changed mappings checked
 * against the real tables, and a refusal, changing nothing, when something does not fit.
 */
class ReloadPlanIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String RUNNING = """
            - name: alpha
              legacy: public.alpha_legacy
              new: public.alpha_new
              direction: legacy-to-new
            - name: beta
              legacy: public.beta_legacy
              new: public.beta_new
              direction: legacy-to-new
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void theRunningBridgeSaysBindingByBindingWhatAReloadWouldDoAndRefusesWhatDoesNotFit() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_reload_plan", dir)) {
            for (String name : List.of("alpha", "beta", "gamma")) {
                fixture.legacy.execute("CREATE TABLE " + name + "_legacy (id integer PRIMARY KEY, v text NOT NULL)");
                fixture.neu.execute("CREATE TABLE " + name + "_new (id integer PRIMARY KEY, v text NOT NULL)");
            }
            Path running = fixture.writeConfig(RUNNING);
            BridgeService service = fixture.start();
            fixture.awaitReady(service, TIMEOUT);
            String url = "http://127.0.0.1:" + service.httpPort();
            String yaml = Files.readString(running);

            Path next = dir.resolve("next.yaml");
            Files.writeString(next, yaml.replace("direction: legacy-to-new\n  - name: beta", "direction: two-way\n  - name: beta")
                    .replace("name: beta\n    legacy: public.beta_legacy\n    new: public.beta_new",
                            "name: gamma\n    legacy: public.gamma_legacy\n    new: public.gamma_new"));
            CliRun missingImages = CliRun.of("plan", "--config", next.toString(), "--url", url);

            assertThat(missingImages.code()).as("what would stop the switch after its drain is refused up front; %s",
                    missingImages.printed()).isEqualTo(2);
            assertThat(missingImages.out()).containsPattern("refused: bindings\\[0\\]\\.new: table public.alpha_new must log whole before images")
                    .contains("REPLICA IDENTITY FULL");

            fixture.neu.execute("ALTER TABLE alpha_new REPLICA IDENTITY FULL");
            CliRun plan = CliRun.of("plan", "--config", next.toString(), "--url", url);

            assertThat(plan.code()).as(plan.printed()).isZero();
            assertThat(plan.out()).contains("1 added, 1 removed")
                    .containsPattern("alpha +switch legacy-to-new -> two-way: drain, verify, keys, switch")
                    .containsPattern("gamma +added \\(legacy-to-new stream\\)")
                    .containsPattern("beta +removed");

            Path misfit = dir.resolve("misfit.yaml");
            Files.writeString(misfit, yaml.replace("new: public.beta_new\n", "new: public.beta_new\n    columns:\n      v: { to: w }\n"));
            CliRun refused = CliRun.of("plan", "--config", misfit.toString(), "--url", url);

            assertThat(refused.code()).as(refused.printed()).isEqualTo(2);
            assertThat(refused.out()).containsPattern("refused: bindings\\[1\\].*w");
            assertThat(refused.err()).contains("would be refused and change nothing");
            assertThat(service.status().get("state")).isEqualTo("RUNNING");
        }
    }
}
