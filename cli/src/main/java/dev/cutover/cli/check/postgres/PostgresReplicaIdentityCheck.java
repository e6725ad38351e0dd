package dev.cutover.cli.check.postgres;

import dev.cutover.cli.check.BindingSides;
import dev.cutover.cli.check.CheckContext;
import dev.cutover.cli.check.Finding;
import dev.cutover.cli.check.PreflightCheck;
import dev.cutover.cli.check.ReviewedBinding;
import dev.cutover.config.BindingOptions;
import dev.cutover.config.DatabaseKind;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.SqlDialect;
import dev.cutover.jdbc.postgres.ReplicaIdentity;
import dev.cutover.runtime.BridgeRoles;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How much of the old row PostgreSQL logs for each captured table ({@code REPLICA IDENTITY}):
 * whole rows on the new table of a two-way binding, whose before images the arbiter compares
 * for conflicts (unless {@code conflict.set-replica-identity-full} lets the service set it, which
 * needs ownership of the table), and at least the key columns for every other captured table, so
 * that deletes can be applied.
 */
final class PostgresReplicaIdentityCheck implements PreflightCheck {

    /** The side whose tables need full before images: the follower's, whose changes the arbiter checks. */
    static final SystemSide FULL_SIDE = BridgeRoles.ARBITER.opposite();

    @Override
    public String title() {
        return "replica identity";
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (ReviewedBinding reviewed : context.reviews()) {
            BindingOptions b = reviewed.options();
            for (SystemSide side : BindingSides.captured(b)) {
                TableSchema schema = reviewed.schema(side);
                if (schema == null || context.config().system(side).kind() != DatabaseKind.POSTGRESQL || !context.reachable(side)) {
                    continue; // an unreadable table is reported by the mapping check
                }
                try (Connection c = context.connect(side)) {
                    Optional<ReplicaIdentity.Reading> reading = ReplicaIdentity.read(c, schema.table());
                    if (reading.isPresent()) {
                        findings.add(judge(b, side, schema, reading.get(), context.connections(side).dialect()));
                    }
                }
            }
        }
        return findings;
    }

    private static Finding judge(BindingOptions b, SystemSide side, TableSchema schema, ReplicaIdentity.Reading reading,
            SqlDialect dialect) {
        ReplicaIdentity identity = reading.identity();
        String path = b.path() + "." + side.label();
        TableId table = schema.table();
        String alter = "ALTER TABLE " + dialect.qualifiedName(table) + " REPLICA IDENTITY FULL";
        if (BindingSides.twoWay(b) && side == FULL_SIDE) {
            if (identity.kind() == ReplicaIdentity.Kind.FULL) {
                return Finding.ok(path, "table " + table + " logs whole before images (REPLICA IDENTITY FULL), as two-way conflict"
                        + " detection needs");
            }
            if (!b.conflict().setReplicaIdentityFull()) {
                return Finding.problem(path, "table " + table + " has REPLICA IDENTITY " + identity.label() + " but two-way conflict"
                        + " detection needs whole before images", "run " + alter + ", or set " + b.path()
                        + ".conflict.set-replica-identity-full: true to let Cutover do it");
            }
            if (!reading.ownedByUser()) {
                return Finding.problem(path, "table " + table + " has REPLICA IDENTITY " + identity.label() + "; " + b.path()
                        + ".conflict.set-replica-identity-full asks Cutover to set FULL, but the user does not own the table",
                        "have the table's owner run " + alter);
            }
            return Finding.ok(path, "table " + table + " has REPLICA IDENTITY " + identity.label() + "; Cutover sets FULL at start ("
                    + b.path() + ".conflict.set-replica-identity-full)");
        }
        List<String> key = schema.keyColumns();
        if (identity.kind() == ReplicaIdentity.Kind.FULL || (!key.isEmpty() && identity.columns().containsAll(key))) {
            return Finding.ok(path, "table " + table + " logs its key " + key + " for deletes (REPLICA IDENTITY "
                    + identity.label() + ")");
        }
        return Finding.problem(path, "table " + table + " is keyed by " + key + " but its REPLICA IDENTITY " + identity.label()
                + " does not log them for deletes",
                "run " + alter + " (or REPLICA IDENTITY USING INDEX on a unique index over the key)");
    }
}
