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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge with {@code http.token} (read from a file the configuration references): a
 * state-changing request needs the bearer token, from anywhere, and the CLI sends it from the
 * configuration or from {@code --token-file}; reads stay open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpTokenIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "tok-" + Long.toHexString(System.nanoTime());

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private BridgeFixture fixture;
    private BridgeService service;
    private Path config;
    private Path tokenFile;

    @BeforeAll
    void startBridge() throws Exception {
        fixture = new BridgeFixture("it_http_token", dir);
        fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL,
                "INSERT INTO cust_mstr SELECT g, 'Customer ' || g, 'A', 1700000000 + g, g, NULL FROM generate_series(1, 20) g");
        fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL);
        int port = freePort();
        config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING, port);
        tokenFile = Files.writeString(dir.resolve("http-token"), TOKEN + "\n");
        Files.writeString(config, Files.readString(config).replace("http: { address: \"127.0.0.1:" + port + "\" }",
                "http: { address: \"127.0.0.1:" + port + "\", token: \"${file:http-token}\" }"));
        service = fixture.start();
        fixture.awaitInSync("customers", TIMEOUT);
        await("the first load of the legacy table ended").atMost(TIMEOUT)
                .until(() -> ((Map<?, ?>) get("/status").get("loading")).isEmpty());
    }

    @AfterAll
    void stopBridge() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aRequestWithoutTheRightBearerTokenIsRefusedWith401AndTheTokenIsNeverEchoed() throws Exception {
        int resyncsBefore = ((List<?>) get("/status").get("resyncs")).size();

        HttpResponse<String> none = post("X-Cutover-Request", "1", "Content-Type", "application/json");
        HttpResponse<String> wrong = post("Authorization", "Bearer " + TOKEN + "x", "Content-Type", "application/json");
        HttpResponse<String> basic = post("Authorization", "Basic " + TOKEN, "Content-Type", "application/json");
        CliRun url = CliRun.of("resync", "--url", "http://127.0.0.1:" + service.httpPort(), "--binding", "customers");

        assertThat(none.statusCode()).as(none.body()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(JSON.readValue(none.body(), Map.class).get("error").toString()).contains("Authorization: Bearer <token>")
                .contains("http.token");
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        assertThat(basic.statusCode()).as(basic.body()).isEqualTo(401);
        assertThat(none.body() + wrong.body() + basic.body()).doesNotContain(TOKEN);
        assertThat(url.code()).as(url.printed()).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(url.err()).contains("401").contains("--token-file").doesNotContain(TOKEN);
        assertThat((List<?>) get("/status").get("resyncs")).as("nothing was started").hasSize(resyncsBefore);
    }

    @Test
    void theRightBearerTokenIsAcceptedRawAndFromTheCliByConfigurationOrTokenFile() throws Exception {
        HttpResponse<String> raw = post("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json; charset=utf-8");
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        String id = (String) JSON.readValue(raw.body(), Map.class).get("id");
        await("the raw resync finished").atMost(TIMEOUT).until(() -> "FINISHED".equals(get("/resync/" + id).get("state")));

        CliRun byConfig = CliRun.of("resync", "--config", config.toString(), "--binding", "customers", "--where", "cust_id <= 5",
                "--wait", "--poll", "PT0.2S");
        CliRun byFile = CliRun.of("resync", "--url", "http://127.0.0.1:" + service.httpPort(), "--token-file", tokenFile.toString(),
                "--binding", "customers", "--where", "cust_id > 15", "--wait", "--poll", "PT0.2S");

        assertThat(byConfig.code()).as(byConfig.printed()).isZero();
        assertThat(byConfig.out()).contains("where cust_id <= 5").containsPattern("(?m)^resync resync-\\w+: FINISHED");
        assertThat(byFile.code()).as(byFile.printed()).isZero();
        assertThat(byFile.out()).contains("where cust_id > 15").containsPattern("(?m)^resync resync-\\w+: FINISHED");
    }

    /** {@code POST /resync} of a key range of the customers binding with the given header names and values. */
    private HttpResponse<String> post(String... headers) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + "/resync"))
                .headers(headers).POST(HttpRequest.BodyPublishers.ofString("{\"binding\": \"customers\", \"where\": \"cust_id = 1\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
