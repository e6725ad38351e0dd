package dev.cutover.cli.it;

import static org.awaitility.Awaitility.await;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.ConfigLoader;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.runtime.BindingCompiler;
import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.CompiledBinding;
import dev.cutover.runtime.verify.TableComparison;
import dev.cutover.testkit.kafka.SharedKafka;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A legacy and a new database on the machine's PostgreSQL, the shared Kafka broker, and a bridge
 * configuration between them, for end-to-end tests. Each fixture has its own bridge name (the
 * given one plus a random suffix), so slots, topics and consumer groups never collide between
 * tests, nor with a concurrent or crashed run on the same servers.
 */
public final class BridgeFixture implements AutoCloseable {

    public final PostgresTestDatabase legacy = PostgresTestDatabase.create("cutover_it_legacy");
    public final PostgresTestDatabase neu = PostgresTestDatabase.create("cutover_it_new");
    final String name;
    final Path dir;
    private Path configFile;
    private String kafkaSection;
    private final List<BridgeService> started = new java.util.ArrayList<>();

    public BridgeFixture(String name, Path dir) {
        // A run's own suffix: slots and topics are named after the bridge and outlive a crashed run.
        this.name = uniqueBridgeName(name);
        this.dir = dir;
    }

    /**
     * Makes the configurations written from now on start an embedded broker of their own in the
     * data directory (on a free port) instead of using the shared one.
     */
    BridgeFixture withEmbeddedKafka() {
        kafkaSection = "\n  bootstrap: embedded\n  embedded-port: 0";
        return this;
    }

    /**
     * {@code prefix} plus a random suffix: slots and topics are named after the bridge and outlive
     * a crashed run, so a run of its own never meets another run's.
     */
    static String uniqueBridgeName(String prefix) {
        return prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFL);
    }

    /** Writes the configuration with the given bindings YAML (a list under {@code bindings:}). */
    public Path writeConfig(String bindingsYaml) throws IOException {
        return writeConfig(bindingsYaml, 0);
    }

    /** Writes the configuration, serving HTTP on {@code httpPort} (0 for any free port). */
    Path writeConfig(String bindingsYaml, int httpPort) throws IOException {
        return writeConfig(bindingsYaml, httpPort, "heartbeat-interval: PT1S");
    }

    /** Writes the configuration, serving HTTP on {@code httpPort} (0 for any free port), with {@code tuning} (flow-style keys). */
    Path writeConfig(String bindingsYaml, int httpPort, String tuning) throws IOException {
        String yaml = """
                name: %s
                data-dir: state
                kafka:%s
                systems:
                  legacy: { kind: postgresql, jdbc-url: "%s", user: %s }
                  new:    { kind: postgresql, jdbc-url: "%s", user: %s }
                http: { address: "127.0.0.1:%d" }
                tuning: { %s }
                bindings:
                %s""".formatted(name, kafkaSection != null ? kafkaSection
                        : "\n  bootstrap: \"" + SharedKafka.bootstrapServers() + "\"\n  partitions: 3", legacy.jdbcUrl(), legacy.user(), neu.jdbcUrl(),
                neu.user(), httpPort, tuning, bindingsYaml.indent(2));
        Files.createDirectories(dir);
        configFile = dir.resolve("cutover.yaml");
        Files.writeString(configFile, yaml);
        return configFile;
    }

    BridgeConfig config() throws Exception {
        return ConfigLoader.load(configFile);
    }

    /** Starts a bridge on the configuration; {@link #close} stops it if the test did not. */
    public BridgeService start() throws Exception {
        BridgeService service = new BridgeService(config(), Clock.systemUTC());
        started.add(service);
        service.start();
        return service;
    }

    /** The binding called {@code name}, compiled against the real tables. */
    CompiledBinding binding(String bindingName) throws Exception {
        return new BindingCompiler(config()).compile().stream().filter(b -> b.name().equals(bindingName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no binding " + bindingName));
    }

    /** Waits until the binding's new table equals its mapped legacy table. */
    TableComparison.Result awaitInSync(String bindingName, Duration timeout) throws Exception {
        return awaitInSync(configFile, bindingName, JdbcConnectionFactory.of(legacy.jdbcUrl(), legacy.user(), (String) null),
                JdbcConnectionFactory.of(neu.jdbcUrl(), neu.user(), (String) null), timeout);
    }

    /** Waits until the binding of {@code config} has its new table equal to its mapped legacy table. */
    static TableComparison.Result awaitInSync(Path config, String bindingName, JdbcConnectionFactory legacyDb,
            JdbcConnectionFactory newDb, Duration timeout) throws Exception {
        TableMapping mapping = new BindingCompiler(ConfigLoader.load(config)).compile().stream()
                .filter(b -> b.name().equals(bindingName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no binding " + bindingName)).mapping();
        JdbcRowReader legacyRows = new JdbcRowReader(legacyDb);
        JdbcRowReader newRows = new JdbcRowReader(newDb);
        AtomicReference<TableComparison.Result> last = new AtomicReference<>();
        try {
            await("new table equals mapped legacy table").atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        last.set(TableComparison.compare(mapping, legacyRows, newRows));
                        return last.get().inSync();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not in sync after " + timeout + ": "
                    + (last.get() == null ? "never compared" : last.get().describe()), e);
        }
        return last.get();
    }

    /**
     * Waits until the binding's rows whose new-side key {@code keys} accepts are equal on both
     * sides (the new row equals the mapped legacy row, and neither side has one the other lacks);
     * rows of other keys are not looked at, so tests writing separate key ranges judge only theirs.
     */
    TableComparison.Result awaitInSync(String bindingName, Duration timeout, Predicate<RowImage> keys)
            throws Exception {
        TableMapping mapping = binding(bindingName).mapping();
        JdbcRowReader legacyRows = new JdbcRowReader(JdbcConnectionFactory.of(legacy.jdbcUrl(), legacy.user(), (String) null));
        JdbcRowReader newRows = new JdbcRowReader(JdbcConnectionFactory.of(neu.jdbcUrl(), neu.user(), (String) null));
        AtomicReference<TableComparison.Result> last = new AtomicReference<>();
        try {
            await("rows of the chosen keys equal on both sides").atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        TableComparison.Result all = TableComparison.compare(mapping, legacyRows, newRows);
                        last.set(new TableComparison.Result(all.newRows(), all.missing().stream().filter(keys).toList(),
                                all.unexpected().stream().filter(keys).toList(), all.differing().stream().filter(keys).toList()));
                        return last.get().inSync();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("chosen keys not in sync after " + timeout + ": "
                    + (last.get() == null ? "never compared" : last.get().describe()), e);
        }
        return last.get();
    }

    /** Waits until {@code service} is ready; when it is not, fails with its status and both servers' activity. */
    void awaitReady(BridgeService service, Duration timeout) {
        Readiness.awaitReady(service, timeout, legacy, neu);
    }

    public List<java.util.Map<String, Object>> newRows(String sql) {
        return neu.queryRows(sql);
    }

    /** Stops every bridge this fixture started, then drops both databases. */
    @Override
    public void close() {
        started.forEach(BridgeService::close);
        try {
            neu.close();
        } finally {
            legacy.close();
        }
    }
}
