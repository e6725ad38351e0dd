package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.cli.ExitCodes;
import dev.cutover.runtime.BridgeService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle history survives restarts on its topic: a bridge started, stopped and started
 * again shows both starts and the stop, in order, through {@code cutover history} and
 * {@code GET /history}. A bridge of only {@code none} bindings runs no Kafka and says it keeps no history.
 */
class HistoryIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String LEGACY_DDL = "CREATE TABLE items_legacy (id bigint PRIMARY KEY, qty int)";
    private static final String NEW_DDL = "CREATE TABLE items (id bigint PRIMARY KEY, qty int)";
    private static final String BINDING = """
            - name: items
              legacy: public.items_legacy
              new: public.items
              direction: %s
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aStartAStopAndAnotherStartAreListedOldestFirstAcrossTheRestart() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_history", dir)) {
            BridgeService first = start(fixture, "legacy-to-new");
            fixture.awaitReady(first, TIMEOUT);
            first.close();
            BridgeService second = fixture.start();
            fixture.awaitReady(second, TIMEOUT);

            CliRun history = CliRun.of("history", "--url", url(second));

            assertThat(history.code()).as(history.printed()).isZero();
            List<String> lines = Arrays.asList(history.out().strip().split("\\R"));
            String bridge = "bridge '" + fixture.name + "'";
            assertThat(lines).as(history.printed()).hasSize(3);
            assertThat(lines.get(0)).matches("\\S+Z  -\\s+bridge-start\\s+done\\s+" + bridge + " started with 1 binding\\(s\\)");
            assertThat(lines.get(1)).matches("\\S+Z  -\\s+bridge-stop\\s+done\\s+" + bridge + " stopped after draining its appliers");
            assertThat(lines.get(2)).matches("\\S+Z  -\\s+bridge-start\\s+done\\s+" + bridge + " started with 1 binding\\(s\\)");
            assertThat(get(second, "/history").body()).contains("\"items\" : \"legacy-to-new\"", "\"drain-timeout\" : \"PT30S\"");

            CliRun ofItems = CliRun.of("history", "--binding", "items", "--url", url(second));
            assertThat(ofItems.code()).as(ofItems.printed()).isZero();
            assertThat(ofItems.out()).isEqualTo("No history of binding 'items' yet." + System.lineSeparator());
        }
    }

    @Test
    void aBridgeOfOnlyNoneBindingsSaysItKeepsNoHistory() throws Exception {
        try (BridgeFixture fixture = new BridgeFixture("it_nohistory", dir)) {
            BridgeService service = start(fixture, "none");

            HttpResponse<String> response = get(service, "/history");
            CliRun history = CliRun.of("history", "--url", url(service));

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("\"error\"", "keeps no history", "every binding has direction none");
            assertThat(service.history()).isNull();
            assertThat(history.code()).as(history.printed()).isEqualTo(ExitCodes.FAILED);
            assertThat(history.err()).contains("cutover history: ", "answered 404", "keeps no history");
        }
    }

    /** Creates the tables and starts a bridge with one binding between them in {@code direction}. */
    private static BridgeService start(BridgeFixture fixture, String direction) throws Exception {
        fixture.legacy.execute(LEGACY_DDL);
        fixture.neu.execute(NEW_DDL);
        fixture.writeConfig(BINDING.formatted(direction));
        return fixture.start();
    }

    private static HttpResponse<String> get(BridgeService service, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(service) + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String url(BridgeService service) {
        return "http://127.0.0.1:" + service.httpPort();
    }
}
