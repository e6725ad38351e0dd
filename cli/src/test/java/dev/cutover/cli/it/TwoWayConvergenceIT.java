package dev.cutover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.conflict.ReflectionGuard;
import dev.cutover.runtime.metrics.MetricNames;
import dev.cutover.runtime.BridgeService;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convergence property of two-way sync: random concurrent writers on both databases
 * (inserts, updates and deletes over a few keys, so conflicts are frequent), one table pair per
 * conflict policy; once the writes stop and the bridge is quiet, both databases hold the same
 * mapped state, no change came back as an echo, and each conflict was decided as its policy
 * promises. Each seed writes its own key range. Replay one seed with
 * {@code -Dcutover.convergence.seed=<seed>}; every failure names its seed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoWayConvergenceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long[] SEEDS = {20260101L, 7L, 913_577_123L};
    private static final String SEED_PROPERTY = "cutover.convergence.seed";
    /** Once the bridge is quiet nothing more is on its way, so rows that still differ after this never converge. */
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(5);
    private static final int KEYS = 8;
    private static final int OPERATIONS = 200;
    private static final int MAX_RESOLUTIONS = 2_000;
    private static final Pattern KEY = Pattern.compile("=(-?\\d+)}$");

    /** The table pairs, one per policy, each with renamed columns. */
    private static final List<Policy> POLICIES = List.of(
            new Policy("lw", "policy: legacy-wins", ConflictPromises.sideWins("legacy")),
            new Policy("nw", "policy: new-wins", ConflictPromises.sideWins("new")),
            new Policy("newest", "policy: newest-wins, column: updated_at, fallback: new-wins",
                    ConflictPromises.newestWins(Map.of("legacy", "upd_ts", "new", "updated_at"), "new")),
            new Policy("merge", "policy: merge, fallback: new-wins", ConflictPromises.merge("new")),
            new Policy("manual", "policy: manual", ConflictPromises.manualResolvedWith("legacy")));

    private record Policy(String suffix, String conflictYaml, ConflictPromises.Promise promise) {
        String binding() {
            return "conv_" + suffix;
        }

        RandomWriter.Table legacyTable() {
            return new RandomWriter.Table("conv_item_" + suffix, "item_id", "item_nm", "qty", "upd_ts");
        }

        RandomWriter.Table newTable() {
            return new RandomWriter.Table("conv_items_" + suffix, "id", "name", "quantity", "updated_at");
        }
    }

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private BridgeFixture fixture;
    private BridgeService service;
    private final AtomicInteger round = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong();
    private final Map<String, Integer> conflictsOverSeeds = new LinkedHashMap<>();
    private long startedAt;

    @BeforeAll
    void startBridge() throws Exception {
        startedAt = System.nanoTime();
        fixture = new BridgeFixture("it_converge", dir);
        StringBuilder bindings = new StringBuilder();
        for (Policy p : POLICIES) {
            fixture.legacy.execute("CREATE TABLE " + p.legacyTable().name() + " (item_id integer PRIMARY KEY,"
                    + " item_nm varchar(40) NOT NULL, qty integer NOT NULL, upd_ts timestamp NOT NULL)");
            fixture.neu.execute("CREATE TABLE " + p.newTable().name() + " (id integer PRIMARY KEY, name text NOT NULL,"
                    + " quantity integer NOT NULL, updated_at timestamp NOT NULL)");
            bindings.append("""
                    - name: %s
                      legacy: public.%s
                      new: public.%s
                      direction: two-way
                      columns: { item_id: id, item_nm: name, qty: quantity, upd_ts: updated_at }
                      conflict: { %s, set-replica-identity-full: true }
                    """.formatted(p.binding(), p.legacyTable().name(), p.newTable().name(), p.conflictYaml()));
        }
        fixture.writeConfig(bindings.toString());
        service = fixture.start();
        fixture.awaitReady(service, TIMEOUT);
        System.out.printf("convergence: bridge ready after %d ms%n", millisSince(startedAt));
    }

    @AfterAll
    void stopBridge() {
        System.out.printf("convergence: total %d ms, conflicts over the seeds %s%n", millisSince(startedAt), conflictsOverSeeds);
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The fixed seeds, or only the one the system property names. */
    Stream<Long> seeds() {
        String replay = System.getProperty(SEED_PROPERTY);
        return replay == null || replay.isBlank() ? LongStream.of(SEEDS).boxed() : Stream.of(Long.parseLong(replay.trim()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomConcurrentWritesOnBothSidesConverge(long seed) throws Exception {
        long seedStart = System.nanoTime();
        int firstKey = 100 * round.incrementAndGet();
        String replay = "seed " + seed + " (keys " + firstKey + ".." + (firstKey + KEYS - 1) + "; replay with -D" + SEED_PROPERTY
                + "=" + seed + ")";
        Map<String, Double> appliedBefore = perBinding(MetricNames.OUTCOME_APPLIED);
        Map<String, Double> echoesBefore = perBinding(MetricNames.OUTCOME_ECHO_SKIPPED);
        Map<String, Double> supersededBefore = perBinding("skipped_" + ReflectionGuard.SKIP_SUPERSEDED);

        Map<String, Integer> writes = write(seed, firstKey, replay);
        long writesDone = System.nanoTime();
        awaitQuiet(replay);
        List<Map<String, Object>> parkedBeforeResolving = conflicts("conv_manual", firstKey);
        int resolutions = resolveManualConflicts(firstKey, replay);
        awaitQuiet(replay);
        Map<String, String> drift = new LinkedHashMap<>();
        for (Policy p : POLICIES) {
            try {
                fixture.awaitInSync(p.binding(), SYNC_TIMEOUT, key -> inRange(key.get("id"), firstKey));
            } catch (AssertionError e) {
                drift.put(p.binding(), e.getMessage() + "\n" + rowsAndConflicts(p, firstKey));
            }
        }
        long converged = millisSince(writesDone);

        SoftAssertions softly = new SoftAssertions();
        Map<String, String> report = new LinkedHashMap<>();
        for (Policy p : POLICIES) {
            List<Map<String, Object>> docs = conflicts(p.binding(), firstKey).stream()
                    .map(c -> service.conflicts().show((String) c.get("id")).orElseThrow()).toList();
            double applied = perBinding(MetricNames.OUTCOME_APPLIED).getOrDefault(p.binding(), 0.0)
                    - appliedBefore.getOrDefault(p.binding(), 0.0);
            double echoes = perBinding(MetricNames.OUTCOME_ECHO_SKIPPED).getOrDefault(p.binding(), 0.0)
                    - echoesBefore.getOrDefault(p.binding(), 0.0);
            double superseded = perBinding("skipped_" + ReflectionGuard.SKIP_SUPERSEDED).getOrDefault(p.binding(), 0.0)
                    - supersededBefore.getOrDefault(p.binding(), 0.0);
            report.put(p.binding(), "writes " + writes.get(p.binding()) + ", conflicts " + docs.size() + ", applied "
                    + (long) applied + ", echoes dropped " + (long) echoes + ", superseded reflections skipped " + (long) superseded
                    + (drift.containsKey(p.binding()) ? ", DRIFT" : ""));
            conflictsOverSeeds.merge(p.binding(), docs.size(), Integer::sum);

            softly.assertThat(drift.get(p.binding())).as("%s: %s rows differ between the databases once quiet", replay, p.binding())
                    .isNull();
            // No echo loop: each source write is applied on the other side at most once, and a new-side
            // write the arbiter accepts comes back at most once more, as the arbiter's version.
            softly.assertThat(applied).as("%s: %s changes applied vs %s source writes", replay, p.binding(), writes.get(p.binding()))
                    .isLessThanOrEqualTo(2.0 * writes.get(p.binding()));
            softly.assertThat(echoes).as("%s: %s echoes dropped by the captures", replay, p.binding()).isPositive();
            softly.assertThat(docs).as("%s: %s conflicts met (else the workload tests nothing)", replay, p.binding()).isNotEmpty();
            softly.assertThat(docs.stream().map(p.promise()::breach).filter(b -> b != null).toList())
                    .as("%s: %s decisions that break the policy's promise", replay, p.binding()).isEmpty();
        }
        softly.assertThat(parkedBeforeResolving).as("%s: manual conflicts before a person resolved them", replay)
                .allSatisfy(c -> assertThat(c).containsEntry("decision", "parked").containsEntry("open", true));
        softly.assertThat(conflicts("conv_manual", firstKey)).as("%s: manual conflicts still open", replay)
                .noneMatch(c -> Boolean.TRUE.equals(c.get("open")));
        System.out.printf("convergence: %s: %d ops per writer, %d manual resolutions, %s %d ms after the writes, "
                + "seed took %d ms%n", replay, OPERATIONS, resolutions, drift.isEmpty() ? "converged" : "compared",
                converged, millisSince(seedStart));
        report.forEach((binding, line) -> System.out.printf("  %s: %s%n", binding, line));
        softly.assertAll();
    }

    /** Runs one writer per system and policy at once; returns each binding's source writes (rows changed). */
    private Map<String, Integer> write(long seed, int firstKey, String replay) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2 * POLICIES.size());
        try {
            Map<String, List<Future<Integer>>> running = new LinkedHashMap<>();
            Random seeds = new Random(seed);
            for (Policy p : POLICIES) {
                boolean stamped = p.suffix().equals("newest");
                running.put(p.binding(), List.of(
                        pool.submit(new RandomWriter(fixture.legacy, p.legacyTable(), new Random(seeds.nextLong()), firstKey, KEYS,
                                OPERATIONS, stamped, clock, "L")),
                        pool.submit(new RandomWriter(fixture.neu, p.newTable(), new Random(seeds.nextLong()), firstKey, KEYS,
                                OPERATIONS, stamped, clock, "N"))));
            }
            Map<String, Integer> writes = new LinkedHashMap<>();
            for (Map.Entry<String, List<Future<Integer>>> e : running.entrySet()) {
                int sum = 0;
                for (Future<Integer> writer : e.getValue()) {
                    try {
                        sum += writer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException ex) {
                        throw new AssertionError(replay + ": a writer of " + e.getKey() + " failed: " + ex.getCause(), ex.getCause());
                    }
                }
                writes.put(e.getKey(), sum);
            }
            return writes;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Resolves every open manual conflict of the key range with the legacy version, the way a
     * person would, until none is left (changes held behind a conflict may park the key again).
     */
    private int resolveManualConflicts(int firstKey, String replay) throws Exception {
        int resolved = 0;
        for (Optional<Map<String, Object>> open = firstOpen(firstKey); open.isPresent(); open = firstOpen(firstKey)) {
            if (++resolved > MAX_RESOLUTIONS) {
                throw new AssertionError(replay + ": manual conflicts keep parking after " + MAX_RESOLUTIONS + " resolutions");
            }
            service.conflicts().resolve((String) open.get().get("id"), "legacy", null);
        }
        return resolved;
    }

    private Optional<Map<String, Object>> firstOpen(int firstKey) {
        return conflicts("conv_manual", firstKey).stream().filter(c -> Boolean.TRUE.equals(c.get("open"))).findFirst();
    }

    /** The binding's conflicts (summaries) whose key lies in the seed's key range. */
    private List<Map<String, Object>> conflicts(String binding, int firstKey) {
        return service.conflicts().list(false, binding).stream().filter(c -> inRange(keyOf(c), firstKey)).toList();
    }

    /** The integer key of a conflict summary (its single key column is named id or item_id, by target). */
    private static int keyOf(Map<String, Object> conflict) {
        Matcher m = KEY.matcher(String.valueOf(conflict.get("key")));
        if (!m.find()) {
            throw new AssertionError("conflict key not a single integer column: " + conflict);
        }
        return Integer.parseInt(m.group(1));
    }

    private static boolean inRange(Object key, int firstKey) {
        int k = ((Number) key).intValue();
        return k >= firstKey && k < firstKey + KEYS;
    }

    /** For each key of the range whose rows differ: both rows and the key's conflicts in the order they were met. */
    private String rowsAndConflicts(Policy p, int firstKey) {
        StringBuilder out = new StringBuilder();
        for (int key = firstKey; key < firstKey + KEYS; key++) {
            List<Map<String, Object>> legacyRow = fixture.legacy.queryRows("SELECT item_id, item_nm, qty, upd_ts FROM "
                    + p.legacyTable().name() + " WHERE item_id = " + key);
            List<Map<String, Object>> newRow = fixture.neu.queryRows("SELECT id, name, quantity, updated_at FROM "
                    + p.newTable().name() + " WHERE id = " + key);
            List<Object> legacyValues = legacyRow.stream().flatMap(r -> r.values().stream()).toList();
            List<Object> newValues = newRow.stream().flatMap(r -> r.values().stream()).toList();
            if (legacyValues.equals(newValues)) {
                continue;
            }
            out.append("  key ").append(key).append(": legacy ").append(legacyRow).append(", new ").append(newRow).append('\n');
            int k = key;
            service.conflicts().list(false, p.binding()).stream().filter(c -> keyOf(c) == k)
                    .map(c -> service.conflicts().show((String) c.get("id")).orElse(c))
                    .sorted(Comparator.comparing(c -> String.valueOf(c.get("detectedAt"))))
                    .forEach(c -> out.append("    ").append(describe(c)).append('\n'));
        }
        return out.toString();
    }

    /** One conflict on one line: where, what met what, and the decision. */
    private static String describe(Map<String, Object> c) {
        Map<?, ?> incoming = (Map<?, ?>) c.get("incoming");
        return "at " + c.get("target") + " " + c.get("detectedAt") + ": " + c.get("kind") + " -> " + c.get("decision")
                + (c.get("resolution") instanceof Map<?, ?> r ? " (resolved " + r.get("decision") + ")" : "")
                + "; incoming " + incoming.get("operation") + " committed " + incoming.get("committedAt") + " "
                + incoming.get("position") + " before " + incoming.get("before") + " after " + incoming.get("after")
                + "; current " + c.get("current");
    }

    /**
     * Waits until the bridge is quiet: both appliers have consumed everything, both captures have
     * sent a fresh heartbeat, and no event of any outcome (captured, published, applied, echo
     * dropped...) was counted for two polls in a row.
     */
    private void awaitQuiet(String replay) {
        AtomicReference<Double> last = new AtomicReference<>(-1.0);
        AtomicInteger stablePolls = new AtomicInteger();
        await(replay + ": bridge quiet (consumer lag zero, fresh heartbeats, no events for two polls)").atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(1000)).until(() -> {
                    double now = allEvents();
                    boolean same = now == last.getAndSet(now);
                    boolean quiet = same
                            && service.registry().get(MetricNames.CONSUMER_LAG).gauges().stream().allMatch(g -> g.value() == 0)
                            && service.registry().get(MetricNames.HEARTBEAT_AGE).gauges().stream().allMatch(g -> g.value() < 2.0);
                    if (!quiet) {
                        stablePolls.set(0);
                        return false;
                    }
                    return stablePolls.incrementAndGet() >= 2;
                });
    }

    private double allEvents() {
        return service.registry().find(MetricNames.EVENTS).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The events of {@code outcome} by binding, over both directions. */
    private Map<String, Double> perBinding(String outcome) {
        Map<String, Double> counts = new LinkedHashMap<>();
        for (Counter c : service.registry().find(MetricNames.EVENTS).tag(MetricNames.TAG_OUTCOME, outcome).counters()) {
            counts.merge(c.getId().getTag(MetricNames.TAG_BINDING), c.count(), Double::sum);
        }
        return counts;
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
