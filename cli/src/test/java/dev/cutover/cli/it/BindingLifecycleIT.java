package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.runtime.BridgeService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each binding is its own unit: an operator pauses one while the others flow, the pause holds
 * across a restart, and resuming applies its backlog in order; a binding whose target refuses its
 * changes for good fails alone, named by readiness, while the others flow, and resumes once fixed.
 * Real PostgreSQL, Kafka and Debezium; the CLI talks to the bridge over HTTP.
 */
class BindingLifecycleIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String BINDINGS = """
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
    void aPausedBindingWaitsAcrossARestartWhileTheOthersFlowAndResumingAppliesItsBacklogInOrder() throws Exception {
        try (BridgeFixture fixture = tables(new BridgeFixture("it_pause", dir))) {
            fixture.writeConfig(BINDINGS);
            BridgeService service = fixture.start();
            fixture.awaitReady(service, TIMEOUT);
            fixture.legacy.execute("INSERT INTO alpha_legacy VALUES (1, 'a1')", "INSERT INTO beta_legacy VALUES (1, 'b1')");
            fixture.awaitInSync("alpha", TIMEOUT);

            CliRun pause = CliRun.of("pause", "--binding", "alpha", "--url", url(service));
            assertThat(pause.code()).as(pause.printed()).isZero();
            assertThat(pause.out()).contains("binding 'alpha' paused");
            assertThat(state(service, "alpha")).containsEntry("state", "PAUSED").containsEntry("pausedBy", "operator");
            assertThat(service.registry().scrape()).contains("cutover_binding_state{binding=\"alpha\",state=\"paused\",system=\"new\"} 1.0")
                    .contains("cutover_binding_state{binding=\"beta\",state=\"streaming\",system=\"new\"} 1.0");

            // Changes of the paused binding, several to one key, in separate transactions: their order matters.
            fixture.legacy.execute("UPDATE alpha_legacy SET v = 'a1-2' WHERE id = 1", "UPDATE alpha_legacy SET v = 'a1-3' WHERE id = 1",
                    "INSERT INTO alpha_legacy VALUES (2, 'a2')", "DELETE FROM alpha_legacy WHERE id = 2",
                    "INSERT INTO alpha_legacy VALUES (3, 'a3')", "INSERT INTO beta_legacy VALUES (2, 'b2')");
            fixture.awaitInSync("beta", TIMEOUT);
            await("alpha's changes captured and waiting").atMost(TIMEOUT)
                    .until(() -> ((Number) state(service, "alpha").get("captured")).longValue() >= 6);
            assertThat(fixture.newRows("SELECT id, v FROM alpha_new ORDER BY id")).containsExactly(Map.of("id", 1, "v", "a1"));
            assertThat(service.isReady()).as("a deliberate pause keeps the bridge ready").isTrue();

            service.stop();
            BridgeService restarted = fixture.start();
            fixture.legacy.execute("UPDATE alpha_legacy SET v = 'a1-4' WHERE id = 1", "UPDATE beta_legacy SET v = 'b2-2' WHERE id = 2");
            fixture.awaitInSync("beta", TIMEOUT);
            assertThat(state(restarted, "alpha")).as("the pause holds across a restart").containsEntry("state", "PAUSED");
            assertThat(fixture.newRows("SELECT id, v FROM alpha_new ORDER BY id")).containsExactly(Map.of("id", 1, "v", "a1"));

            CliRun resume = CliRun.of("resume", "--binding", "alpha", "--url", url(restarted));
            assertThat(resume.code()).as(resume.printed()).isZero();
            assertThat(resume.out()).contains("binding 'alpha' resumed");
            fixture.awaitInSync("alpha", TIMEOUT);
            assertThat(fixture.newRows("SELECT id, v FROM alpha_new ORDER BY id"))
                    .containsExactly(Map.of("id", 1, "v", "a1-4"), Map.of("id", 3, "v", "a3"));
            await("alpha streaming again").atMost(TIMEOUT).until(() -> "STREAMING".equals(state(restarted, "alpha").get("state")));
            CliRun history = CliRun.of("history", "--binding", "alpha", "--url", url(restarted));
            assertThat(history.out().lines().map(line -> line.split("\\s+")).map(f -> f[2] + " " + f[3]))
                    .as(history.printed()).containsExactly("pause done", "resume done");
        }
    }

    @Test
    void aBindingWhoseTargetRefusesItsChangesFailsAloneAndResumesOnceFixed() throws Exception {
        String role = "cutover_it_apply_" + UUID.randomUUID().toString().substring(0, 8);
        try (BridgeFixture fixture = tables(new BridgeFixture("it_fail", dir))) {
            fixture.neu.execute("CREATE ROLE " + role + " LOGIN", "GRANT ALL ON alpha_new, beta_new TO " + role);
            try {
                Path config = fixture.writeConfig(BINDINGS);
                Files.writeString(config, Files.readString(config)
                        .replaceFirst("(new: +\\{ kind: postgresql, jdbc-url: \"[^\"]*\", user: )\\w+", "$1" + role));
                BridgeService service = fixture.start();
                fixture.awaitReady(service, TIMEOUT);
                fixture.neu.execute("REVOKE INSERT, UPDATE ON alpha_new FROM " + role);

                // One legacy transaction over both tables: the applier gets them in one batch and must split it.
                fixture.legacy.execute("BEGIN; INSERT INTO alpha_legacy VALUES (1, 'a1'); INSERT INTO beta_legacy VALUES (1, 'b1'); COMMIT");
                fixture.awaitInSync("beta", TIMEOUT);
                await("alpha failed").atMost(TIMEOUT).until(() -> "FAILED".equals(state(service, "alpha").get("state")));
                @SuppressWarnings("unchecked")
                Map<String, Object> failure = (Map<String, Object>) state(service, "alpha").get("failure");
                assertThat((String) failure.get("cause")).containsIgnoringCase("permission denied");
                assertThat(service.notReady()).anySatisfy(reason -> assertThat(reason).startsWith("binding 'alpha' failed")
                        .contains("cutover resume --binding alpha"));
                assertThat(service.state().name()).isEqualTo("RUNNING");

                fixture.legacy.execute("INSERT INTO beta_legacy VALUES (2, 'b2')", "UPDATE alpha_legacy SET v = 'a1-2' WHERE id = 1");
                fixture.awaitInSync("beta", TIMEOUT);
                assertThat(fixture.newRows("SELECT count(*) AS n FROM alpha_new")).containsExactly(Map.of("n", 0L));

                fixture.neu.execute("GRANT INSERT, UPDATE ON alpha_new TO " + role);
                CliRun resume = CliRun.of("resume", "--binding", "alpha", "--url", url(service));
                assertThat(resume.code()).as(resume.printed()).isZero();
                fixture.awaitInSync("alpha", TIMEOUT);
                assertThat(fixture.newRows("SELECT id, v FROM alpha_new")).containsExactly(Map.of("id", 1, "v", "a1-2"));
                assertThat(service.history().entries("alpha")).extracting(e -> e.event() + " " + e.outcome().label())
                        .containsExactly("binding-failed failed", "resume done");
                await("ready again").atMost(TIMEOUT).until(service::isReady);
            } finally {
                fixture.neu.execute("REVOKE ALL ON alpha_new, beta_new FROM " + role, "DROP ROLE " + role);
            }
        }
    }

    @Test
    void pausingAnUnknownBindingIsAUsageErrorNamingIt() throws Exception {
        try (BridgeFixture fixture = tables(new BridgeFixture("it_pause_unknown", dir))) {
            fixture.writeConfig(BINDINGS);
            BridgeService service = fixture.start();

            CliRun pause = CliRun.of("pause", "--binding", "gamma", "--url", url(service));

            assertThat(pause.code()).as(pause.printed()).isEqualTo(2);
            assertThat(pause.err().lines().filter(line -> line.startsWith("cutover "))).as(pause.printed())
                    .containsExactly("cutover pause: the bridge at " + url(service) + " answered 400: no binding 'gamma' in this bridge");
            HttpResponse<String> unguarded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url(service) + "/bindings/alpha/pause")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unguarded.statusCode()).as("a request without the control header changes nothing").isEqualTo(403);
            assertThat(state(service, "alpha").get("state")).isNotEqualTo("PAUSED");
        }
    }

    private static BridgeFixture tables(BridgeFixture fixture) {
        for (String name : List.of("alpha", "beta")) {
            fixture.legacy.execute("CREATE TABLE " + name + "_legacy (id integer PRIMARY KEY, v text NOT NULL)");
            fixture.neu.execute("CREATE TABLE " + name + "_new (id integer PRIMARY KEY, v text NOT NULL)");
        }
        return fixture;
    }

    private static String url(BridgeService service) {
        return "http://127.0.0.1:" + service.httpPort();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> state(BridgeService service, String name) {
        return ((List<Map<String, Object>>) service.status().get("bindings")).stream().filter(b -> name.equals(b.get("name")))
                .findFirst().orElseThrow();
    }
}
