package dev.cutover.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.SystemOptions;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.DatabaseSupports;
import dev.cutover.jdbc.KeyCollisions;
import dev.cutover.jdbc.KeyGenerator;
import dev.cutover.jdbc.KeyGenerators;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The keys step of a switch: where a side starts taking inserts of its application, its key
 * generator (sequence, identity, {@code AUTO_INCREMENT}) must not hand out keys the other side
 * holds or will hand out. Reads and moves generators through the databases' own support.
 */
final class SwitchKeys {

    private final BridgeConfig config;

    SwitchKeys(BridgeConfig config) {
        this.config = config;
    }

    /**
     * Moves the key generator of each side that starts taking inserts of its application (see
     * {@link #startingWriters}) past the highest key either side holds, in its own series. Switching
     * to two-way, where both applications insert for good, the two generators must never hand out
     * the same key: when they could, the step fails with the statements that keep them apart.
     */
    String keys(TableMapping mapping, Direction from, Direction to) throws Exception {
        boolean twoWay = to == Direction.TWO_WAY;
        if (twoWay) {
            // Refused before anything moves: a switch that stops at a step leaves the databases as they were.
            Optional<String> problem = collisionProblem(mapping);
            if (problem.isPresent()) {
                throw new SwitchSteps.SwitchException(problem.get());
            }
        }
        List<String> notes = new ArrayList<>();
        for (SystemSide side : startingWriters(from, to)) {
            notes.add(advance(side, mapping));
        }
        if (twoWay) {
            notes.add(apart(mapping));
        }
        return notes.isEmpty() ? "no side starts taking inserts: no key generator to move" : String.join("; ", notes);
    }

    /** How the two sides' generators stay apart, as they are after the step moved them. */
    private String apart(TableMapping mapping) throws Exception {
        Optional<KeyGenerator> legacy = generator(SystemSide.LEGACY, mapping);
        Optional<KeyGenerator> neu = generator(SystemSide.NEW, mapping);
        if (legacy.isEmpty() || neu.isEmpty()) {
            return "keys are generated on one side at most: they cannot collide";
        }
        return "the sides' key generators never meet (" + legacy.get().describe() + "; " + neu.get().describe() + ")";
    }

    /**
     * Why both sides inserting would collide (the first key both generators hand out, and the
     * statements that keep them apart); empty when they cannot. Reads only.
     */
    Optional<String> collisionProblem(TableMapping mapping) throws Exception {
        Optional<KeyGenerator> legacy = generator(SystemSide.LEGACY, mapping);
        Optional<KeyGenerator> neu = generator(SystemSide.NEW, mapping);
        if (legacy.isEmpty() || neu.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong shared = KeyCollisions.firstShared(legacy.get(), neu.get());
        if (shared.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("both sides generate keys and would both hand out key " + shared.getAsLong() + ": "
                + KeyCollisions.fix(legacy.get(), neu.get(), shared.getAsLong()) + "; then reload again");
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
