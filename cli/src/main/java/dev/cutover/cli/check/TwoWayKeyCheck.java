package dev.cutover.cli.check;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.DatabaseSupport;
import dev.cutover.jdbc.DatabaseSupports;
import dev.cutover.jdbc.KeyCollisions;
import dev.cutover.jdbc.KeyGenerator;
import dev.cutover.jdbc.KeyGenerators;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A two-way table whose key is generated on both sides (sequences, identity columns,
 * {@code AUTO_INCREMENT}) gets a warning when the two generators can hand out the same key: two
 * rows inserted at about the same time, one on each side, would then meet as one row. Family
 * independent: it asks each side's {@link DatabaseSupport#keyGenerators()} and changes nothing.
 */
final class TwoWayKeyCheck implements PreflightCheck {

    @Override
    public String title() {
        return "keys generated on both sides";
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (ReviewedBinding reviewed : context.reviews()) {
            if (BindingSides.twoWay(reviewed.options()) && judged(context, reviewed)) {
                String path = reviewed.options().path();
                try {
                    judge(context, reviewed, path).ifPresent(findings::add);
                } catch (SQLException e) {
                    findings.add(Finding.warning(path, "could not read the key generators of binding '" + reviewed.options().name()
                            + "': " + e.getMessage(), "grant the bridge's users SELECT on the key sequences, or make sure by hand that"
                            + " the two sides never generate the same key"));
                }
            }
        }
        return findings;
    }

    /** True when both tables were read, each with one key column, and both systems answered and have a known family. */
    private static boolean judged(CheckContext context, ReviewedBinding reviewed) {
        for (SystemSide side : SystemSide.values()) {
            TableSchema schema = reviewed.schema(side);
            if (schema == null || schema.keyColumns().size() != 1 || !context.reachable(side) || support(context, side).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Finding> judge(CheckContext context, ReviewedBinding reviewed, String path) throws SQLException {
        Map<SystemSide, KeyGenerator> generators = new EnumMap<>(SystemSide.class);
        long floor = Long.MIN_VALUE;
        for (SystemSide side : SystemSide.values()) {
            TableSchema schema = reviewed.schema(side);
            String column = schema.keyColumns().get(0);
            KeyGenerators keys = support(context, side).orElseThrow().keyGenerators();
            try (Connection c = context.connect(side)) {
                Optional<KeyGenerator> generator = keys.find(c, schema.table(), column);
                if (generator.isEmpty()) {
                    return Optional.empty(); // a side that never generates keys cannot collide with the other
                }
                generators.put(side, generator.get());
                OptionalLong max = keys.maxKey(c, schema.table(), column);
                floor = Math.max(floor, Math.max(generator.get().nextValue(), max.isPresent() ? max.getAsLong() + 1 : Long.MIN_VALUE));
            }
        }
        KeyGenerator legacy = generators.get(SystemSide.LEGACY);
        KeyGenerator neu = generators.get(SystemSide.NEW);
        String both = legacy.describe() + " on " + SystemSide.LEGACY.label() + " and " + neu.describe() + " on " + SystemSide.NEW.label();
        OptionalLong shared = KeyCollisions.firstShared(legacy, neu);
        if (shared.isEmpty()) {
            return Optional.of(Finding.ok(path, "the keys of two-way binding '" + reviewed.options().name() + "' come from " + both
                    + ", which never hand out the same key"));
        }
        return Optional.of(Finding.warning(path, "the keys of two-way binding '" + reviewed.options().name() + "' come from " + both
                + ", which can both hand out key " + shared.getAsLong() + ": rows inserted on each side with the same key meet as one",
                KeyCollisions.fix(legacy, neu, floor)));
    }

    private static Optional<DatabaseSupport> support(CheckContext context, SystemSide side) {
        return DatabaseSupports.forFamily(context.config().system(side).kind().label());
    }
}
