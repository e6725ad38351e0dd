package dev.cutover.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.SystemOptions;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.DatabaseSupports;
import dev.cutover.jdbc.JdbcRowReader;
import dev.cutover.jdbc.KeyCollisions;
import dev.cutover.jdbc.KeyGenerator;
import dev.cutover.jdbc.KeyGenerators;
import dev.cutover.kafka.KafkaApplyLoop;
import dev.cutover.runtime.verify.TableComparison;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The steps before a binding's direction switches, run against the bridge as it runs: drain (what
 * was written before the switch has been captured and applied), verify (the two tables are equal
 * through the mapping), keys (a side that starts taking inserts hands out keys past the other
 * side's). Each returns what it did, for the progress and the history; a step that cannot succeed
 * throws {@link SwitchException} saying why.
 */
final class SwitchSteps {

    /** How long a drain may wait for the capture to pass the switch's start and the appliers to catch up. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);
    /** How often verify compares the tables before it takes a difference for drift rather than changes in flight. */
    private static final int VERIFY_ATTEMPTS = 4;

    /** A step could not be done; the switch stops and the binding keeps its direction. */
    static final class SwitchException extends Exception {
        SwitchException(String message) {
            super(message);
        }
    }

    private final BridgeConfig config;
    private final Pipeline pipeline;
    private final Clock clock;

    SwitchSteps(BridgeConfig config, Pipeline pipeline, Clock clock) {
        this.config = config;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    /**
     * Waits until every change committed before now in the binding's captured tables is captured
     * (a heartbeat row written now came back through each capture: the log delivers it after
     * everything committed before it) and applied (its appliers caught up).
     */
    String drain(String binding) throws SwitchException, InterruptedException {
        List<CompiledBinding> directions = pipeline.directionsOf(binding);
        Instant start = clock.instant();
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        for (CompiledBinding b : directions) {
            if (b.batched()) {
                continue;
            }
            // A heartbeat row committed now comes back after everything committed before it, even on idle tables.
            pipeline.beat(b.source());
            while (!beatCameBack(b.source(), start)) {
                if (System.nanoTime() > deadline) {
                    throw new SwitchException("the capture of the " + b.source().label() + " database streamed nothing for "
                            + DRAIN_TIMEOUT.toSeconds() + " s, so what was written before the switch may not be captured yet");
                }
                Thread.sleep(50); // polled: nothing signals the beat's return
            }
        }
        for (CompiledBinding b : directions) {
            KafkaApplyLoop loop = pipeline.applyLoop(b.target());
            long left = Math.max(1, deadline - System.nanoTime());
            if (loop != null && !loop.awaitCaughtUp(Duration.ofNanos(left))) {
                throw new SwitchException("the applier of the " + b.target().label() + " database did not catch up within "
                        + DRAIN_TIMEOUT.toSeconds() + " s (" + loop.lag() + " records behind)");
            }
        }
        return "every change written before the switch is applied (" + directions.size() + " direction"
                + (directions.size() == 1 ? "" : "s") + ")";
    }

    private boolean beatCameBack(SystemSide side, Instant start) {
        Instant beat = pipeline.lastHeartbeatRow(side);
        return beat != null && !beat.isBefore(start);
    }

    /**
     * Compares the binding's tables through its mapping. While the binding syncs, a difference may
     * be a change still in flight: it drains and compares again, a few times, and only a row that
     * differed every time counts as drift (a row written meanwhile differs at most once or twice).
     */
    String verify(String binding, TableMapping mapping, boolean synced) throws Exception {
        JdbcRowReader legacy = new JdbcRowReader(BindingCompiler.connections(config.system(SystemSide.LEGACY)));
        JdbcRowReader neu = new JdbcRowReader(BindingCompiler.connections(config.system(SystemSide.NEW)));
        TableComparison.Result result = TableComparison.compare(mapping, legacy, neu);
        Set<RowImage> suspects = differing(result);
        for (int attempt = 1; !suspects.isEmpty() && synced && attempt < VERIFY_ATTEMPTS; attempt++) {
            drain(binding);
            result = TableComparison.compare(mapping, legacy, neu);
            suspects.retainAll(differing(result));
        }
        if (!suspects.isEmpty()) {
            List<RowImage> persisting = suspects.stream().limit(10).toList();
            throw new SwitchException("the tables differ through the mapping: " + suspects.size() + " row(s) differ on every comparison,"
                    + " e.g. keys " + persisting + "; fix them (cutover verify lists the rows), or switch with --force");
        }
        return result.newRows() + " rows equal through the mapping" + (synced ? " (changes in flight aside)" : "");
    }

    /** The keys of every row that is missing, unexpected or different. */
    private static Set<RowImage> differing(TableComparison.Result result) {
        Set<RowImage> keys = new HashSet<>(result.missing());
        keys.addAll(result.unexpected());
        keys.addAll(result.differing());
        return keys;
    }

    /**
     * Moves the key generator of each side that starts taking inserts of its application (see
     * {@link #startingWriters}) past the highest key either side holds, in its own series. Switching
     * to two-way, where both applications insert for good, the two generators must never hand out
     * the same key: when they could, the step fails with the statements that keep them apart.
     */
    String keys(TableMapping mapping, Direction from, Direction to) throws Exception {
        // Refused before anything moves: a switch that stops at a step leaves the databases as they were.
        String apart = to == Direction.TWO_WAY ? collisions(mapping) : null;
        List<String> notes = new ArrayList<>();
        for (SystemSide side : startingWriters(from, to)) {
            notes.add(advance(side, mapping));
        }
        if (apart != null) {
            notes.add(apart);
        }
        return notes.isEmpty() ? "no side starts taking inserts: no key generator to move" : String.join("; ", notes);
    }

    /** Whether the two sides' generators can ever hand out the same key; throws when they can. */
    private String collisions(TableMapping mapping) throws Exception {
        Optional<KeyGenerator> legacy = generator(SystemSide.LEGACY, mapping);
        Optional<KeyGenerator> neu = generator(SystemSide.NEW, mapping);
        if (legacy.isEmpty() || neu.isEmpty()) {
            return "keys are generated on one side at most: they cannot collide";
        }
        OptionalLong shared = KeyCollisions.firstShared(legacy.get(), neu.get());
        if (shared.isPresent()) {
            throw new SwitchException("both sides generate keys and would both hand out key " + shared.getAsLong() + ": "
                    + KeyCollisions.fix(legacy.get(), neu.get(), shared.getAsLong()) + "; then reload again");
        }
        return "the sides' key generators never meet (" + legacy.get().describe() + "; " + neu.get().describe() + ")";
    }

    private Optional<KeyGenerator> generator(SystemSide side, TableMapping mapping) throws Exception {
        TableSchema own = side == SystemSide.LEGACY ? mapping.legacySchema() : mapping.newSchema();
        if (own.keyColumns().size() != 1) {
            return Optional.empty();
        }
        try (Connection db = BindingCompiler.connections(config.system(side)).open()) {
            return generators(config.system(side)).find(db, own.table(), own.keyColumns().get(0));
        }
    }

    /** The sides whose application writes the table after the switch but not before. */
    static Set<SystemSide> startingWriters(Direction from, Direction to) {
        Set<SystemSide> starting = applicationWrites(to);
        starting.removeAll(applicationWrites(from));
        return starting;
    }

    /** Which sides the applications write: the captured ones; both for {@code none} (separate data or kept by hand). */
    private static Set<SystemSide> applicationWrites(Direction direction) {
        return switch (direction) {
            case LEGACY_TO_NEW -> EnumSet.of(SystemSide.LEGACY);
            case NEW_TO_LEGACY -> EnumSet.of(SystemSide.NEW);
            case TWO_WAY, NONE -> EnumSet.allOf(SystemSide.class);
        };
    }

    private String advance(SystemSide side, TableMapping mapping) throws Exception {
        TableSchema own = side == SystemSide.LEGACY ? mapping.legacySchema() : mapping.newSchema();
        TableSchema other = side == SystemSide.LEGACY ? mapping.newSchema() : mapping.legacySchema();
        if (own.keyColumns().size() != 1) {
            return side.label() + " table " + own.table() + " has a key of " + own.keyColumns().size() + " columns: no generator to move";
        }
        KeyGenerators ownKeys = generators(config.system(side));
        try (Connection ownDb = BindingCompiler.connections(config.system(side)).open();
                Connection otherDb = BindingCompiler.connections(config.system(side.opposite())).open()) {
            Optional<KeyGenerator> generator = ownKeys.find(ownDb, own.table(), own.keyColumns().get(0));
            if (generator.isEmpty()) {
                return side.label() + " table " + own.table() + " generates no key: nothing to move";
            }
            OptionalLong otherMax = generators(config.system(side.opposite())).maxKey(otherDb, other.table(), other.keyColumns().get(0));
            OptionalLong ownMax = ownKeys.maxKey(ownDb, own.table(), own.keyColumns().get(0));
            long highest = Math.max(otherMax.orElse(0), ownMax.orElse(0));
            KeyGenerator moved = ownKeys.advancePast(ownDb, generator.get(), highest);
            return side.label() + " " + generator.get().displayName() + " next " + generator.get().nextValue() + " -> " + moved.nextValue()
                    + " (past the highest key " + highest + " of either table)";
        }
    }

    private static KeyGenerators generators(SystemOptions system) {
        return DatabaseSupports.forJdbcUrl(system.jdbcUrl()).orElseThrow(() -> new IllegalStateException(
                "no database support for the " + system.side().label() + " system's JDBC URL")).keyGenerators();
    }
}
