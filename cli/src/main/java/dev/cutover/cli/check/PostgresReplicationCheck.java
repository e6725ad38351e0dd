package dev.cutover.cli.check;

import dev.cutover.config.DatabaseKind;
import dev.cutover.core.event.SystemSide;
import dev.cutover.debezium.ReplicationSlots;
import dev.cutover.debezium.SlotState;
import dev.cutover.jdbc.SqlDialect;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What logical decoding needs on a captured PostgreSQL database: {@code wal_level=logical}, a user
 * with the REPLICATION attribute (or superuser), the capture's replication slot usable or a slot
 * free to create it, and a free WAL sender for its stream.
 */
final class PostgresReplicationCheck implements PreflightCheck {

    @Override
    public String title() {
        return "logical decoding";
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (CaptureLayout.Capture capture : context.reachableCaptures(DatabaseKind.POSTGRESQL)) {
            SystemSide side = capture.side();
            try (Connection c = context.connect(side)) {
                String path = CheckContext.systemPath(side);
                findings.add(walLevel(c, path, capture));
                findings.add(replicationRole(c, path, context.connections(side).dialect()));
                findings.add(slot(c, path, capture, context.config().name()));
                findings.add(walSenders(c, path));
            }
        }
        return findings;
    }

    private static Finding walLevel(Connection c, String path, CaptureLayout.Capture capture) throws Exception {
        String level = String.valueOf(Sql.value(c, "SELECT current_setting('wal_level')"));
        if (level.equals("logical")) {
            return Finding.ok(path, "wal_level is logical");
        }
        return Finding.problem(path, "wal_level is '" + level + "' but the " + capture.side().label()
                + " database is captured (tables " + capture.tables().keySet() + "), which needs 'logical'",
                "as a superuser run ALTER SYSTEM SET wal_level = logical, then restart PostgreSQL");
    }

    private static Finding replicationRole(Connection c, String path, SqlDialect dialect) throws Exception {
        Map<String, Object> role = Sql.row(c, "SELECT current_user AS name, rolreplication, rolsuper FROM pg_catalog.pg_roles"
                + " WHERE rolname = current_user");
        String user = String.valueOf(role.get("name"));
        if (Boolean.TRUE.equals(role.get("rolsuper"))) {
            return Finding.ok(path, "user '" + user + "' is a superuser and may replicate");
        }
        if (Boolean.TRUE.equals(role.get("rolreplication"))) {
            return Finding.ok(path, "user '" + user + "' has the REPLICATION attribute");
        }
        return Finding.problem(path, "user '" + user + "' has neither the REPLICATION attribute nor superuser, so the capture cannot"
                + " stream changes", "as a superuser run ALTER ROLE " + dialect.quoteIdentifier(user) + " REPLICATION");
    }

    private static Finding slot(Connection c, String path, CaptureLayout.Capture capture, String bridge) throws Exception {
        String slot = capture.slot();
        Optional<SlotState> existing = ReplicationSlots.describe(c, slot);
        if (existing.isPresent()) {
            Object here = Sql.value(c, "SELECT current_database()");
            if (!String.valueOf(existing.get().database()).equals(here)) {
                return Finding.problem(path, "replication slot " + slot + " belongs to database '" + existing.get().database()
                        + "', not to '" + here + "': another bridge named '" + bridge + "' captures that database",
                        "give this bridge another name, or drop the other slot: SELECT pg_drop_replication_slot('" + slot + "')");
            }
            if (existing.get().active()) {
                return Finding.problem(path, "replication slot " + slot + " is in use by process " + existing.get().activePid()
                        + ": a bridge named '" + bridge + "' is running already", "stop the running bridge first, or give this one"
                        + " another name");
            }
            return Finding.ok(path, "replication slot " + slot + " exists; the capture resumes from it");
        }
        int max = Integer.parseInt(String.valueOf(Sql.value(c, "SELECT current_setting('max_replication_slots')")));
        List<Map<String, Object>> slots = Sql.rows(c, "SELECT slot_name FROM pg_catalog.pg_replication_slots ORDER BY slot_name");
        if (slots.size() >= max) {
            String names = slots.stream().map(r -> String.valueOf(r.get("slot_name"))).collect(Collectors.joining(", "));
            return Finding.problem(path, "replication slot " + slot + " must be created but all " + max
                    + " slots (max_replication_slots) are taken: " + names,
                    "raise max_replication_slots and restart PostgreSQL, or drop an unused slot with"
                            + " SELECT pg_drop_replication_slot('<name>')");
        }
        return Finding.ok(path, "replication slot " + slot + " will be created (" + (max - slots.size()) + " of " + max
                + " slots free)");
    }

    private static Finding walSenders(Connection c, String path) throws Exception {
        int max = Integer.parseInt(String.valueOf(Sql.value(c, "SELECT current_setting('max_wal_senders')")));
        long used = ((Number) Sql.value(c, "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE backend_type = 'walsender'"))
                .longValue();
        if (used >= max) {
            return Finding.problem(path, "all " + max + " WAL senders (max_wal_senders) are in use, so the capture cannot stream",
                    "raise max_wal_senders and restart PostgreSQL, or stop another replication client");
        }
        return Finding.ok(path, (max - used) + " of " + max + " WAL senders free");
    }
}
