package dev.cutover.cli.it;

import dev.cutover.cli.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.runtime.BridgeService;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover resync} against a running legacy-to-new bridge on the machine's PostgreSQL and
 * the shared Kafka broker: drift injected into the new table is repaired for the requested key
 * range while a writer keeps changing the legacy table, and bad requests are refused by name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResyncIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String AUDIT_NONE = """
            - name: audit
              legacy: public.audit_trail
              new: public.audit_events
              direction: none
              strategy: separate
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private BridgeFixture fixture;
    private BridgeService service;
    private Path config;

    @BeforeAll
    void startBridge() throws Exception {
        fixture = new BridgeFixture("it_resync", dir);
        fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL, "CREATE TABLE audit_trail (id int PRIMARY KEY, msg text)",
                "INSERT INTO cust_mstr SELECT g, 'Customer ' || g, CASE WHEN g % 2 = 0 THEN 'A' ELSE 'I' END, 1700000000 + g,"
                        + " g * 1.5, NULL FROM generate_series(1, 300) g");
        fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL, "CREATE TABLE audit_events (id int PRIMARY KEY, msg text)");
        config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING + AUDIT_NONE, freePort());
        service = fixture.start();
        fixture.awaitInSync("customers", TIMEOUT);
        await("the first load of the legacy table ended").atMost(TIMEOUT)
                .until(() -> ((Map<?, ?>) status().get("loading")).isEmpty());
    }

    @AfterAll
    void stopBridge() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aResyncOfAKeyRangeRepairsDriftThereWhileLiveWritesKeepFlowing() throws Exception {
        fixture.neu.execute("UPDATE customers SET full_name = 'drifted', balance = 0 WHERE id BETWEEN 100 AND 139",
                "DELETE FROM customers WHERE id BETWEEN 150 AND 169",
                "UPDATE customers SET full_name = 'drift outside the range' WHERE id = 250");
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Future<Integer> writer = executor.submit(() -> writeUntil(stop));
        CliRun resync;
        try {
            resync = CliRun.of("resync", "--config", config.toString(), "--binding", "customers", "--where",
                    "cust_id BETWEEN 100 AND 199", "--wait", "--poll", "PT0.2S");
        } finally {
            stop.set(true);
        }
        int writes = writer.get();
        executor.shutdown();

        assertThat(resync.code()).as(resync.printed()).isZero();
        assertThat(resync.out()).containsPattern("resync (resync-\\w+) requested: binding customers, table public\\.cust_mstr on the"
                + " legacy system, where cust_id BETWEEN 100 AND 199")
                .containsPattern("(?m)^resync resync-\\w+: FINISHED, \\d+ rows read, [1-9]\\d* chunks");
        assertThat(writes).as("the writer ran alongside the resync").isPositive();
        assertThat(fixture.newRows("SELECT full_name FROM customers WHERE id = 250"))
                .as("a row outside the range is not re-copied").containsExactly(Map.of("full_name", "drift outside the range"));

        fixture.legacy.execute("UPDATE cust_mstr SET cust_nm = 'fixed by a live change' WHERE cust_id = 250");
        fixture.awaitInSync("customers", TIMEOUT);
        List<?> resyncs = (List<?>) status().get("resyncs");
        assertThat(resyncs).singleElement().satisfies(r -> assertThat(JSON.convertValue(r, new TypeReference<Map<String, Object>>() { }))
                .containsEntry("binding", "customers").containsEntry("table", "public.cust_mstr")
                .containsEntry("condition", "cust_id BETWEEN 100 AND 199").containsEntry("state", "FINISHED")
                .containsEntry("system", "legacy"));
        long rowsRead = ((Number) ((Map<?, ?>) resyncs.get(0)).get("rowsRead")).longValue();
        assertThat(rowsRead).as("rows of the range, less those the writer changed while their chunk was read").isBetween(1L, 100L);
    }

    @Test
    void aResyncOfAnUnknownBindingANoneBindingOrWithAStatementInItsConditionIsRefusedByName() throws Exception {
        CliRun unknown = CliRun.of("resync", "--url", "http://127.0.0.1:" + service.httpPort(), "--binding", "custmers");
        CliRun none = CliRun.of("resync", "--config", config.toString(), "--binding", "audit");
        CliRun statement = CliRun.of("resync", "--config", config.toString(), "--binding", "customers", "--where",
                "cust_id = 1; DROP TABLE cust_mstr");

        assertThat(unknown.code()).as(unknown.printed()).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(unknown.err()).contains("400").contains("no binding 'custmers'").contains("[customers, audit]");
        assertThat(none.code()).as(none.printed()).isNotZero();
        assertThat(none.err()).contains("binding 'audit' has direction none");
        assertThat(statement.code()).as(statement.printed()).isNotZero();
        assertThat(statement.err()).contains("';'");
        assertThat(fixture.legacy.queryRows("SELECT cust_id FROM cust_mstr WHERE cust_id = 1")).as("nothing was executed").hasSize(1);
        HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.httpPort() + "/resync/resync-none")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(404);
    }

    @Test
    void aConditionWithAFunctionOrAnUnknownColumnIsRefusedWith400AndNothingIsSignalled() throws Exception {
        String signals = "SELECT count(*) AS n FROM cutover_signal_" + fixture.name + "_legacy";
        Object signalledBefore = fixture.legacy.queryRows(signals).get(0).get("n");
        int resyncsBefore = ((List<?>) status().get("resyncs")).size();

        HttpResponse<String> function = post("{\"binding\": \"customers\", \"where\":"
                + " \"1=1) or lo_import('/etc/passwd') is not null or (1=1\"}", "X-Cutover-Request", "1", "Content-Type", "application/json");
        HttpResponse<String> sleep = post("{\"binding\": \"customers\", \"where\": \"cust_id = pg_sleep(1)\"}",
                "X-Cutover-Request", "1", "Content-Type", "application/json");
        HttpResponse<String> column = post("{\"binding\": \"customers\", \"where\": \"cust_id = 1 AND secret_col = 'x'\"}",
                "X-Cutover-Request", "1", "Content-Type", "application/json");
        CliRun cli = CliRun.of("resync", "--config", config.toString(), "--binding", "customers", "--where", "pg_sleep(1) IS NULL");

        assertThat(function.statusCode()).as(function.body()).isEqualTo(400);
        assertThat(function.body()).contains("character 4").contains("')'");
        assertThat(sleep.statusCode()).as(sleep.body()).isEqualTo(400);
        assertThat(sleep.body()).contains("character 11").contains("pg_sleep(").contains("function calls are not allowed");
        assertThat(column.statusCode()).as(column.body()).isEqualTo(400);
        assertThat(column.body()).contains("no column secret_col").contains("cust_id");
        assertThat(cli.code()).as(cli.printed()).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(cli.err().strip()).as("one line, before anything is sent").doesNotContain("\n").contains("--where")
                .contains("function calls are not allowed");
        assertThat(fixture.legacy.queryRows(signals).get(0).get("n")).as("no signal was written").isEqualTo(signalledBefore);
        assertThat((List<?>) status().get("resyncs")).hasSize(resyncsBefore);
    }

    @Test
    void aStateChangingRequestWithoutTheHeaderAsTextOrFromAWebPageIsRefusedWhileGetsStayOpen() throws Exception {
        String body = "{\"binding\": \"customers\", \"where\": \"cust_id = 1\"}";

        HttpResponse<String> noHeader = post(body, "Content-Type", "application/json");
        HttpResponse<String> text = post(body, "X-Cutover-Request", "1", "Content-Type", "text/plain");
        HttpResponse<String> page = post(body, "Content-Type", "text/plain", "Origin", "http://evil.example");
        HttpResponse<String> rebound = post(body, "X-Cutover-Request", "1", "Content-Type", "application/json",
                "Origin", "http://rebound.example:" + service.httpPort());
        HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(resyncUri())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "x-cutover-request")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(noHeader.statusCode()).as(noHeader.body()).isEqualTo(403);
        assertThat(noHeader.body()).contains("X-Cutover-Request: 1").contains("http.token");
        assertThat(text.statusCode()).as(text.body()).isEqualTo(415);
        assertThat(text.body()).contains("application/json");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(403);
        assertThat(rebound.statusCode()).as(rebound.body()).isEqualTo(403);
        assertThat(rebound.body()).contains("web pages");
        assertThat(preflight.statusCode()).as(preflight.body()).isGreaterThanOrEqualTo(400);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).isEmpty();
        assertThat((List<?>) status().get("resyncs")).as("none of them started a resync")
                .noneMatch(r -> "cust_id = 1".equals(((Map<?, ?>) r).get("condition")));
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(resyncUri()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    private URI resyncUri() {
        return URI.create("http://127.0.0.1:" + service.httpPort() + "/resync");
    }

    /** {@code POST /resync} with {@code body} and the given header names and values. */
    private HttpResponse<String> post(String body, String... headers) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(resyncUri()).headers(headers)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Inserts, updates and deletes legacy rows, each in its own transaction, until told to stop; returns how many it wrote. */
    private int writeUntil(AtomicBoolean stop) {
        Random random = new Random(42);
        int i = 0;
        while (!stop.get() && i < 5_000) {
            int id = 1000 + i;
            fixture.legacy.execute("INSERT INTO cust_mstr VALUES (" + id + ", 'new " + i + "', 'A', 1700001000, " + i + ", NULL)");
            int key = 90 + random.nextInt(120);
            fixture.legacy.execute("UPDATE cust_mstr SET cust_nm = 'live " + i + "', stat_cd = '" + (i % 2 == 0 ? "I" : "A")
                    + "', bal_amt = " + i + " WHERE cust_id = " + key);
            if (i % 3 == 2) {
                fixture.legacy.execute("DELETE FROM cust_mstr WHERE cust_id = " + (id - 1));
            }
            i++;
        }
        return i;
    }

    private Map<String, Object> status() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.httpPort() + "/status")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
