package dev.cutover.cli.check.postgres;

import dev.cutover.cli.check.CaptureLayout;
import dev.cutover.cli.check.CheckContext;
import dev.cutover.cli.check.Finding;
import dev.cutover.cli.check.PreflightCheck;
import dev.cutover.config.DatabaseKind;
import dev.cutover.core.event.SystemSide;
import dev.cutover.debezium.ReplicationSlots;
import dev.cutover.debezium.SlotState;
import dev.cutover.jdbc.SqlDialect;
import dev.cutover.jdbc.postgres.CurrentUser;
import dev.cutover.jdbc.postgres.ReplicationSettings;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What logical decoding needs on a captured PostgreSQL database: {@code wal_level=logical}, a user
 * with the REPLICATION attribute (or superuser), the capture's replication slot usable or a slot
 * free to create it, and a free WAL sender for its stream. Judges the {@link ReplicationSettings},
 * {@link CurrentUser} and slot ({@link ReplicationSlots#describe}) readings.
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
            ReplicationSettings settings;
            CurrentUser user;
            Optional<SlotState> slot;
            try (Connection c = context.connect(side)) {
                settings = ReplicationSettings.read(c);
                user = CurrentUser.read(c);
                slot = ReplicationSlots.describe(c, capture.slot());
            }
            String path = CheckContext.systemPath(side);
            findings.add(walLevel(path, capture, settings));
            findings.add(replicationRole(path, user, context.connections(side).dialect()));
            findings.add(slot(path, capture, context.config().name(), slot, settings, user));
            findings.add(walSenders(path, settings));
        }
        return findings;
    }

    private static Finding walLevel(String path, CaptureLayout.Capture capture, ReplicationSettings settings) {
        if (settings.logical()) {
            return Finding.ok(path, "wal_level is logical");
        }
        return Finding.problem(path, "wal_level is '" + settings.walLevel() + "' but the " + capture.side().label()
                + " database is captured (tables " + capture.tables().keySet() + "), which needs 'logical'",
                "as a superuser run ALTER SYSTEM SET wal_level = logical, then restart PostgreSQL");
    }

    private static Finding replicationRole(String path, CurrentUser user, SqlDialect dialect) {
        if (user.superuser()) {
            return Finding.ok(path, "user '" + user.name() + "' is a superuser and may replicate");
        }
        if (user.replication()) {
            return Finding.ok(path, "user '" + user.name() + "' has the REPLICATION attribute");
        }
        return Finding.problem(path, "user '" + user.name() + "' has neither the REPLICATION attribute nor superuser, so the capture"
                + " cannot stream changes", "as a superuser run ALTER ROLE " + dialect.quoteIdentifier(user.name()) + " REPLICATION");
    }

    private static Finding slot(String path, CaptureLayout.Capture capture, String bridge, Optional<SlotState> existing,
            ReplicationSettings settings, CurrentUser user) {
        String slot = capture.slot();
        if (existing.isPresent()) {
            if (!String.valueOf(existing.get().database()).equals(user.database())) {
                return Finding.problem(path, "replication slot " + slot + " belongs to database '" + existing.get().database()
                        + "', not to '" + user.database() + "': another bridge named '" + bridge + "' captures that database",
                        "give this bridge another name, or drop the other slot: SELECT pg_drop_replication_slot('" + slot + "')");
            }
            if (existing.get().active()) {
                return Finding.problem(path, "replication slot " + slot + " is in use by process " + existing.get().activePid()
                        + ": a bridge named '" + bridge + "' is running already", "stop the running bridge first, or give this one"
                        + " another name");
            }
            return Finding.ok(path, "replication slot " + slot + " exists; the capture resumes from it");
        }
        int max = settings.maxReplicationSlots();
        if (settings.freeSlots() <= 0) {
            return Finding.problem(path, "replication slot " + slot + " must be created but all " + max
                    + " slots (max_replication_slots) are taken: " + String.join(", ", settings.slotNames()),
                    "raise max_replication_slots and restart PostgreSQL, or drop an unused slot with"
                            + " SELECT pg_drop_replication_slot('<name>')");
        }
        return Finding.ok(path, "replication slot " + slot + " will be created (" + settings.freeSlots() + " of " + max
                + " slots free)");
    }

    private static Finding walSenders(String path, ReplicationSettings settings) {
        int max = settings.maxWalSenders();
        if (settings.freeWalSenders() <= 0) {
            return Finding.problem(path, "all " + max + " WAL senders (max_wal_senders) are in use, so the capture cannot stream",
                    "raise max_wal_senders and restart PostgreSQL, or stop another replication client");
        }
        return Finding.ok(path, settings.freeWalSenders() + " of " + max + " WAL senders free");
    }
}
