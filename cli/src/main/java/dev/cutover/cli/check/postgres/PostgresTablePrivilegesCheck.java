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
import dev.cutover.jdbc.SqlDialect;
import dev.cutover.jdbc.postgres.TablePrivileges;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The user of each system may do to each bound table what the service does: SELECT, INSERT,
 * UPDATE and DELETE on a written table (the applier reads rows it checks and writes), SELECT on a
 * captured one (the load of existing rows reads it). Judges the {@link TablePrivileges} reading.
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
            throws SQLException {
        Optional<TablePrivileges> read = TablePrivileges.read(c, table, needed);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        TablePrivileges privileges = read.get();
        if (privileges.complete()) {
            return Optional.of(Finding.ok(path, "user '" + privileges.user() + "' may " + String.join(", ", needed) + " on " + table));
        }
        String lacking = String.join(", ", privileges.lacking());
        return Optional.of(Finding.problem(path, "user '" + privileges.user() + "' lacks " + lacking + " on table " + table,
                "GRANT " + lacking + " ON " + dialect.qualifiedName(table) + " TO " + dialect.quoteIdentifier(privileges.user())));
    }
}
