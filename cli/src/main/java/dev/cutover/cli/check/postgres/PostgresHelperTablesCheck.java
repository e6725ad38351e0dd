package dev.cutover.cli.check.postgres;

import dev.cutover.cli.check.CaptureLayout;
import dev.cutover.cli.check.CheckContext;
import dev.cutover.cli.check.Finding;
import dev.cutover.cli.check.PreflightCheck;
import dev.cutover.config.DatabaseKind;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.debezium.SignalColumns;
import dev.cutover.jdbc.SqlDialect;
import dev.cutover.jdbc.postgres.SchemaPrivileges;
import dev.cutover.jdbc.postgres.TableColumns;
import dev.cutover.jdbc.postgres.TablePrivileges;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The capture's own tables (heartbeat, signal, and the echo-marker table of two-way sync) exist
 * and can be written, or can be created: the capture creates a missing one at start, which needs
 * CREATE on its schema. Debezium writes the signal table positionally, so an existing one must
 * start with the columns {@link SignalColumns#EXPECTED}. A table exists when {@link TableColumns}
 * lists columns for it, as at the capture's start; the rest judges the {@link TablePrivileges}
 * and {@link SchemaPrivileges} readings.
 */
final class PostgresHelperTablesCheck implements PreflightCheck {

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
        // The signal table only gets inserts; heartbeat and marker rows are upserted.
        boolean signal = role.equals("signal");
        List<String> needed = signal ? List.of("INSERT") : List.of("INSERT", "UPDATE");
        List<String> columns = TableColumns.read(c, table);
        Optional<TablePrivileges> privileges = columns.isEmpty() ? Optional.empty() : TablePrivileges.read(c, table, needed);
        if (privileges.isEmpty()) {
            return creatable(SchemaPrivileges.read(c, table.schema()), dialect, path, table, role);
        }
        String user = privileges.get().user();
        if (!privileges.get().complete()) {
            return Finding.problem(path, role + " table " + table + " exists but user '" + user + "' may not write it",
                    "GRANT " + String.join(", ", needed) + " ON " + dialect.qualifiedName(table) + " TO " + dialect.quoteIdentifier(user));
        }
        if (signal && !SignalColumns.fit(columns)) {
            return Finding.problem(path, "signal table " + table + " has the columns " + columns + " but Debezium writes "
                    + SignalColumns.EXPECTED + " in this order", "drop it (DROP TABLE " + dialect.qualifiedName(table)
                    + ") so the capture creates it");
        }
        return Finding.ok(path, role + " table " + table + " exists and can be written");
    }

    private static Finding creatable(Optional<SchemaPrivileges> schema, SqlDialect dialect, String path, TableId table, String role) {
        if (schema.isEmpty()) {
            return Finding.problem(path, role + " table " + table + " must be created but schema " + table.schema()
                    + " does not exist",
                    "CREATE SCHEMA " + dialect.quoteIdentifier(table.schema()));
        }
        if (!schema.get().mayCreate()) {
            return Finding.problem(path, role + " table " + table + " does not exist and user '" + schema.get().user()
                    + "' may not create it", "GRANT CREATE ON SCHEMA " + dialect.quoteIdentifier(table.schema()) + " TO "
                    + dialect.quoteIdentifier(schema.get().user()));
        }
        return Finding.ok(path, role + " table " + table + " will be created at start");
    }
}
