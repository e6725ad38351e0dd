package dev.cutover.cli.it;

import dev.cutover.cli.CutoverCli;
import dev.cutover.cli.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.config.ConfigLoader;
import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.ServiceState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code direction: none} bindings on the machine's PostgreSQL: {@code cutover verify} reading both
 * databases directly (with a Kafka address nothing listens on, to show it needs none), and bridges
 * that leave none tables alone. Each test has its own pair of databases.
 */
class NoSyncBindingsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** An address nothing listens on: whatever tries to reach Kafka there fails. */
    private static final String NO_KAFKA = "127.0.0.1:1";

    private static final String NOTES_LEGACY_DDL = """
            CREATE TABLE note_mstr (
              note_id bigint PRIMARY KEY,
              ttl     varchar(80),
              stat_cd char(1) NOT NULL,
              upd_by  text
            )""";
    private static final String NOTES_NEW_DDL = """
            CREATE TABLE notes (
              id     bigint PRIMARY KEY,
              title  text,
              status text NOT NULL,
              origin text NOT NULL DEFAULT 'new'
            )""";
    private static final String NOTES_BINDING = """
            - name: notes
              legacy: public.note_mstr
              new: public.notes
              direction: none
              strategy: duplicate-maintenance
              columns:
                note_id: id
                ttl: title
                stat_cd: { to: status, values: { A: active, I: inactive } }
                upd_by: { ignore: true }
              defaults: { origin: legacy }
            """;
    private static final String AUDIT_BINDING = """
            - name: audit
              legacy: public.audit_trail
              new: public.audit_events
              direction: none
              strategy: separate
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private BridgeFixture fixture;

    @AfterEach
    void dropDatabases() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void identicalDuplicateMaintainedTablesVerifyEqualAndSeparateOnesAreSkipped() throws Exception {
        Path config = verifyScenario();

        Run run = cutover("verify", "--config", config.toString());

        assertThat(run.code()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                notes (none, duplicate-maintenance): public.note_mstr -> public.notes
                  rows compared: 3, equal: 3, only in legacy: 0, only in new: 0, differing: 0
                  result: equal
                audit (none, separate): public.audit_trail -> public.audit_events
                  skipped: strategy separate, the data is separate by design
                verify: 1 binding compared, 1 equal, 0 with drift; 1 skipped
                """);
    }

    @Test
    void injectedDriftIsReportedWithItsKeysColumnsAndValues() throws Exception {
        Path config = verifyScenario();
        fixture.neu.execute("UPDATE notes SET title = 'Changed on the new side' WHERE id = 2",
                "INSERT INTO notes (id, title, status) VALUES (5, 'Only new', 'active')");
        fixture.legacy.execute("UPDATE note_mstr SET stat_cd = 'I' WHERE note_id = 3",
                "INSERT INTO note_mstr VALUES (4, 'Only legacy', 'A', 'clerk')");

        Run run = cutover("verify", "--config", config.toString());

        assertThat(run.code()).as("exit code; stderr: %s", run.err()).isEqualTo(ExitCodes.FINDINGS).isEqualTo(1);
        assertThat(run.out()).contains("""
                notes (none, duplicate-maintenance): public.note_mstr -> public.notes
                  rows compared: 5, equal: 1, only in legacy: 1, only in new: 1, differing: 2
                  differing {id=2}: title (from ttl): legacy 'Second', new 'Changed on the new side'
                  differing {id=3}: status (from stat_cd): legacy 'inactive', new 'active'
                  only in legacy {id=4}
                  only in new {id=5}
                  result: drift
                """).contains("verify: 1 binding compared, 0 equal, 1 with drift; 1 skipped");
    }

    @Test
    void limitAndBindingNarrowTheReport() throws Exception {
        Path config = verifyScenario();
        fixture.neu.execute("UPDATE notes SET title = upper(title)");

        Run run = cutover("verify", "--config", config.toString(), "--binding", "notes", "--limit", "1");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("  differing {id=1}: title (from ttl): legacy 'First', new 'FIRST'\n"
                + "  ... and 2 more differing\n").doesNotContain("audit").doesNotContain("{id=2}");
    }

    @Test
    void unknownBindingBadConfigAndAMappingThatDoesNotFitExitWithTwo() throws Exception {
        Path config = verifyScenario();

        Run unknown = cutover("verify", "--config", config.toString(), "--binding", "nope");
        assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(unknown.err()).contains("bridge 'it_verify' has no binding 'nope'; its bindings: notes, audit");

        Files.writeString(config, Files.readString(config).replace("ttl: title", "ttl: headline"));
        Run misfit = cutover("verify", "--config", config.toString());
        assertThat(misfit.code()).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(misfit.err()).contains("bindings[0].columns.ttl").contains("headline");
        assertThat(misfit.out()).isEmpty();

        Files.writeString(config, Files.readString(config).replace("strategy: separate", "strategy: by-hand"));
        Run bad = cutover("verify", "--config", config.toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(bad.err()).contains("bindings[1].strategy: expected one of separate, duplicate-maintenance, got 'by-hand'");
    }

    @Test
    void aNoneBindingNextToAOneWayBindingIsLeftAloneWhileTheOtherStreams() throws Exception {
        fixture = new BridgeFixture("it_nosync", dir);
        fixture.legacy.execute(Scenario.CUSTOMERS_LEGACY_DDL, NOTES_LEGACY_DDL,
                "INSERT INTO note_mstr VALUES (1, 'Before start', 'A', NULL)");
        fixture.neu.execute(Scenario.CUSTOMERS_NEW_DDL, NOTES_NEW_DDL);
        Path config = fixture.writeConfig(Scenario.CUSTOMERS_BINDING + NOTES_BINDING);
        BridgeService service = fixture.start();

        fixture.legacy.execute("INSERT INTO note_mstr VALUES (2, 'After start', 'A', NULL)",
                "UPDATE note_mstr SET ttl = 'Changed after start' WHERE note_id = 1");
        fixture.legacy.execute("INSERT INTO cust_mstr VALUES (1, 'Streamed', 'A', 1700000000, 1, NULL)");
        fixture.awaitInSync("customers", TIMEOUT);

        // Same database, same capture order: had the notes been captured, they would be there by now.
        assertThat(fixture.newRows("SELECT * FROM notes")).isEmpty();
        // Its load (of no rows) may still be ending when the streamed row arrived.
        await("customers streaming").atMost(TIMEOUT).until(() -> status(service).stream()
                .anyMatch(b -> b.get("name").equals("customers") && "STREAMING".equals(b.get("state"))));
        List<Map<String, Object>> bindings = status(service);
        assertThat(bindings).filteredOn(b -> b.get("name").equals("customers")).singleElement()
                .satisfies(b -> assertThat(b).containsEntry("state", "STREAMING").containsEntry("direction", "legacy-to-new"));
        assertThat(bindings).filteredOn(b -> b.get("name").equals("notes")).singleElement()
                .isEqualTo(Map.of("name", "notes", "direction", "none", "strategy", "duplicate-maintenance",
                        "legacy", "public.note_mstr", "new", "public.notes", "state", "NOT_SYNCED"));

        Run verify = cutover("verify", "--config", config.toString());
        assertThat(verify.code()).isEqualTo(1);
        assertThat(verify.out()).contains("customers (legacy-to-new): public.cust_mstr -> public.customers\n"
                        + "  rows compared: 1, equal: 1, only in legacy: 0, only in new: 0, differing: 0\n  result: equal\n")
                .contains("  rows compared: 2, equal: 0, only in legacy: 2, only in new: 0, differing: 0\n");
    }

    @Test
    void aBridgeOfOnlyNoneBindingsStartsWithoutKafkaAndReportsThemNotSynced() throws Exception {
        Path config = verifyScenario();
        Files.writeString(config, Files.readString(config).replace("bindings:", "http: { address: \"127.0.0.1:0\" }\nbindings:"));

        try (BridgeService service = new BridgeService(ConfigLoader.load(config), Clock.systemUTC())) {
            service.start();

            assertThat(service.state()).isEqualTo(ServiceState.RUNNING);
            assertThat(service.kafkaBootstrap()).as("no Kafka is started or contacted").isNull();
            fixture.awaitReady(service, TIMEOUT);
            assertThat(status(service)).extracting(b -> b.get("name") + " " + b.get("strategy") + " " + b.get("state"))
                    .containsExactly("notes duplicate-maintenance NOT_SYNCED", "audit separate NOT_SYNCED");
            assertThat(fixture.neu.queryRows("SELECT id FROM notes ORDER BY id")).hasSize(3);
        }
    }

    /**
     * Databases with the notes (duplicate-maintenance, three equal rows) and audit (separate, with
     * rows that have nothing in common) tables, and a configuration for them whose Kafka address
     * nothing listens on.
     */
    private Path verifyScenario() throws Exception {
        fixture = new BridgeFixture("it_verify", dir);
        fixture.legacy.execute(NOTES_LEGACY_DDL, "CREATE TABLE audit_trail (id bigint PRIMARY KEY, what text)",
                "INSERT INTO note_mstr VALUES (1, 'First', 'A', 'clerk'), (2, 'Second', 'I', NULL), (3, 'Third', 'A', 'x')",
                "INSERT INTO audit_trail VALUES (1, 'legacy login'), (2, 'legacy logout')");
        fixture.neu.execute(NOTES_NEW_DDL, "CREATE TABLE audit_events (id bigint PRIMARY KEY, what text)",
                // The new system wrote these rows itself: origin differs from the legacy default, which is not compared.
                "INSERT INTO notes VALUES (1, 'First', 'active', 'new'), (2, 'Second', 'inactive', 'new'),"
                        + " (3, 'Third', 'active', 'new')",
                "INSERT INTO audit_events VALUES (7, 'new sign-in')");
        String yaml = """
                name: it_verify
                data-dir: state
                kafka: { bootstrap: "%s" }
                systems:
                  legacy: { kind: postgresql, jdbc-url: "%s", user: %s }
                  new:    { kind: postgresql, jdbc-url: "%s", user: %s }
                bindings:
                %s""".formatted(NO_KAFKA, fixture.legacy.jdbcUrl(), fixture.legacy.user(), fixture.neu.jdbcUrl(),
                fixture.neu.user(), (NOTES_BINDING + AUDIT_BINDING).indent(2));
        Files.createDirectories(dir);
        Path config = dir.resolve("verify.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    /** What one run of the command line printed and returned. */
    private record Run(int code, String out, String err) {
    }

    private static Run cutover(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CutoverCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> status(BridgeService service) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + "/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> doc = new ObjectMapper().readValue(response.body(), new TypeReference<Map<String, Object>>() { });
        return (List<Map<String, Object>>) doc.get("bindings");
    }
}
