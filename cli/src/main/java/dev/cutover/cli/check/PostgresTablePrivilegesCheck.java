package dev.cutover.cli.check;

import dev.cutover.config.BindingOptions;
import dev.cutover.config.DatabaseKind;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.SqlDialect;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user of each system may do to each bound table what the service does: SELECT, INSERT,
 * UPDATE and DELETE on a written table (the applier reads rows it checks and writes), SELECT on a
 * captured one (the load of existing rows reads it).
 */
final class PostgresTablePrivilegesCheck implements PreflightCheck {

    private static final List<String> WRITE = List.of("SELECT", "INSERT", "UPDATE", "DELETE");

    @Override
    public String title() {
        return "table privileges";
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (ReviewedBinding reviewed : context.reviews()) {
            BindingOptions b = reviewed.options();
            for (SystemSide side : SystemSide.values()) {
                Set<String> needed = new LinkedHashSet<>();
                if (BindingSides.written(b).contains(side)) {
                    needed.addAll(WRITE);
                } else if (BindingSides.captured(b).contains(side)) {
                    needed.add("SELECT");
                }
                if (needed.isEmpty() || reviewed.schema(side) == null || !context.reachable(side)
                        || context.config().system(side).kind() != DatabaseKind.POSTGRESQL) {
                    continue;
                }
                try (Connection c = context.connect(side)) {
                    check(c, context.connections(side).dialect(), b.path() + "." + side.label(),
                            reviewed.schema(side).table(), needed).ifPresent(findings::add);
                }
            }
        }
        return findings;
    }

    /** The finding for one table; empty when the table went away since it was read. */
    private static Optional<Finding> check(Connection c, SqlDialect dialect, String path, TableId table, Set<String> needed)
            throws Exception {
        List<String> lacking = new ArrayList<>();
        String user = null;
        for (String privilege : needed) {
            Map<String, Object> row = Sql.row(c, "SELECT current_user AS me, has_table_privilege(c.oid, ?) AS granted"
                    + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND c.relname = ?", privilege, table.schema(), table.table());
            if (row == null) {
                return Optional.empty();
            }
            user = String.valueOf(row.get("me"));
            if (!Boolean.TRUE.equals(row.get("granted"))) {
                lacking.add(privilege);
            }
        }
        if (lacking.isEmpty()) {
            return Optional.of(Finding.ok(path, "user '" + user + "' may " + String.join(", ", needed) + " on " + table));
        }
        return Optional.of(Finding.problem(path, "user '" + user + "' lacks " + String.join(", ", lacking) + " on table " + table,
                "GRANT " + String.join(", ", lacking) + " ON " + dialect.qualifiedName(table) + " TO "
                        + dialect.quoteIdentifier(user)));
    }
}
