package dev.cutover.cli.check;

import dev.cutover.config.DatabaseKind;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The capture's own tables (heartbeat, signal, and the echo-marker table of two-way sync) exist
 * and can be written, or can be created: the capture creates a missing one at start, which needs
 * CREATE on its schema. Debezium writes the signal table positionally, so an existing one must
 * start with the columns {@code id, type, data}.
 */
final class PostgresHelperTablesCheck implements PreflightCheck {

    private static final List<String> SIGNAL_COLUMNS = List.of("id", "type", "data");

    @Override
    public String title() {
        return "capture tables";
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (CaptureLayout.Capture capture : context.reachableCaptures(DatabaseKind.POSTGRESQL)) {
            SystemSide side = capture.side();
            SqlDialect dialect = context.connections(side).dialect();
            try (Connection c = context.connect(side)) {
                for (TableId table : capture.ownTables()) {
                    findings.add(check(c, dialect, CheckContext.systemPath(side), table, roleOf(capture, table)));
                }
            }
        }
        return findings;
    }

    private static String roleOf(CaptureLayout.Capture capture, TableId table) {
        if (table.equals(capture.signalTable())) {
            return "signal";
        }
        return table.equals(capture.heartbeatTable()) ? "heartbeat" : "echo-marker";
    }

    private static Finding check(Connection c, SqlDialect dialect, String path, TableId table, String role) throws SQLException {
        Map<String, Object> found = Sql.row(c, "SELECT current_user AS me, has_table_privilege(c.oid, 'INSERT') AS may_insert,"
                + " has_table_privilege(c.oid, 'UPDATE') AS may_update FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')",
                table.schema(), table.table());
        if (found == null) {
            return creatable(c, dialect, path, table, role);
        }
        // The signal table only gets inserts; heartbeat and marker rows are upserted.
        boolean needsUpdate = !role.equals("signal");
        if (!Boolean.TRUE.equals(found.get("may_insert")) || (needsUpdate && !Boolean.TRUE.equals(found.get("may_update")))) {
            return Finding.problem(path, role + " table " + table + " exists but user '" + found.get("me") + "' may not write it",
                    "GRANT " + (needsUpdate ? "INSERT, UPDATE" : "INSERT") + " ON " + dialect.qualifiedName(table) + " TO "
                            + dialect.quoteIdentifier(String.valueOf(found.get("me"))));
        }
        if (role.equals("signal")) {
            List<String> columns = Sql.rows(c, "SELECT a.attname::text AS name FROM pg_catalog.pg_attribute a"
                    + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
                    table.schema(), table.table()).stream().map(r -> String.valueOf(r.get("name"))).toList();
            if (columns.size() < SIGNAL_COLUMNS.size() || !columns.subList(0, SIGNAL_COLUMNS.size()).equals(SIGNAL_COLUMNS)) {
                return Finding.problem(path, "signal table " + table + " has the columns " + columns + " but Debezium writes "
                        + SIGNAL_COLUMNS + " in this order", "drop it (DROP TABLE " + dialect.qualifiedName(table)
                        + ") so the capture creates it");
            }
        }
        return Finding.ok(path, role + " table " + table + " exists and can be written");
    }

    private static Finding creatable(Connection c, SqlDialect dialect, String path, TableId table, String role) throws SQLException {
        Map<String, Object> schema = Sql.row(c, "SELECT current_user AS me, has_schema_privilege(n.oid, 'CREATE') AS may_create"
                + " FROM pg_catalog.pg_namespace n WHERE n.nspname = ?", table.schema());
        if (schema == null) {
            return Finding.problem(path, role + " table " + table + " must be created but schema " + table.schema()
                    + " does not exist",
                    "CREATE SCHEMA " + dialect.quoteIdentifier(table.schema()));
        }
        if (!Boolean.TRUE.equals(schema.get("may_create"))) {
            return Finding.problem(path, role + " table " + table + " does not exist and user '" + schema.get("me")
                    + "' may not create it", "GRANT CREATE ON SCHEMA " + dialect.quoteIdentifier(table.schema()) + " TO "
                    + dialect.quoteIdentifier(String.valueOf(schema.get("me"))));
        }
        return Finding.ok(path, role + " table " + table + " will be created at start");
    }
}
