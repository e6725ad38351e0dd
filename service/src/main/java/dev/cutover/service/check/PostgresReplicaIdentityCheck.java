package dev.cutover.service.check;

import dev.cutover.config.BindingOptions;
import dev.cutover.config.DatabaseKind;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.SqlDialect;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.cutover.service.runtime.BridgeRoles;

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

    private static final String QUERY = """
            SELECT c.relreplident::text, pg_has_role(current_user, c.relowner, 'USAGE'),
                   ARRAY(SELECT a.attname::text
                           FROM pg_catalog.pg_index i
                           JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                          WHERE i.indrelid = c.oid
                            AND ((c.relreplident = 'd' AND i.indisprimary) OR (c.relreplident = 'i' AND i.indisreplident)))
              FROM pg_catalog.pg_class c
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')
            """;

    /** A table's setting: its {@code relreplident} code, whether the user owns it, and the columns it logs unless FULL. */
    private record Identity(String code, boolean owned, List<String> columns) {
        String label() {
            return switch (code) {
                case "f" -> "FULL";
                case "n" -> "NOTHING";
                case "i" -> "USING INDEX " + columns;
                default -> "DEFAULT (primary key " + columns + ")";
            };
        }
    }

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
                    Identity identity = read(c, schema.table());
                    if (identity != null) {
                        findings.add(judge(b, side, schema, identity, context.connections(side).dialect()));
                    }
                }
            }
        }
        return findings;
    }

    private static Finding judge(BindingOptions b, SystemSide side, TableSchema schema, Identity identity, SqlDialect dialect) {
        String path = b.path() + "." + side.label();
        TableId table = schema.table();
        String alter = "ALTER TABLE " + dialect.qualifiedName(table) + " REPLICA IDENTITY FULL";
        if (BindingSides.twoWay(b) && side == FULL_SIDE) {
            if (identity.code().equals("f")) {
                return Finding.ok(path, "table " + table + " logs whole before images (REPLICA IDENTITY FULL), as two-way conflict"
                        + " detection needs");
            }
            if (!b.conflict().setReplicaIdentityFull()) {
                return Finding.problem(path, "table " + table + " has REPLICA IDENTITY " + identity.label() + " but two-way conflict"
                        + " detection needs whole before images", "run " + alter + ", or set " + b.path()
                        + ".conflict.set-replica-identity-full: true to let Cutover do it");
            }
            if (!identity.owned()) {
                return Finding.problem(path, "table " + table + " has REPLICA IDENTITY " + identity.label() + "; " + b.path()
                        + ".conflict.set-replica-identity-full asks Cutover to set FULL, but the user does not own the table",
                        "have the table's owner run " + alter);
            }
            return Finding.ok(path, "table " + table + " has REPLICA IDENTITY " + identity.label() + "; Cutover sets FULL at start ("
                    + b.path() + ".conflict.set-replica-identity-full)");
        }
        List<String> key = schema.keyColumns();
        if (identity.code().equals("f") || (!key.isEmpty() && identity.columns().containsAll(key))) {
            return Finding.ok(path, "table " + table + " logs its key " + key + " for deletes (REPLICA IDENTITY "
                    + identity.label() + ")");
        }
        return Finding.problem(path, "table " + table + " is keyed by " + key + " but its REPLICA IDENTITY " + identity.label()
                + " does not log them for deletes",
                "run " + alter + " (or REPLICA IDENTITY USING INDEX on a unique index over the key)");
    }

    private static Identity read(Connection c, TableId table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Array columns = rs.getArray(3);
                return new Identity(rs.getString(1), rs.getBoolean(2), Arrays.asList((String[]) columns.getArray()));
            }
        }
    }
}
