package dev.cutover.cli.check;

import dev.cutover.config.DatabaseKind;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The capture's publication exists with its tables, or the user may create or update it. The
 * capture keeps the publication filtered to the captured tables and its own (heartbeat, signal,
 * echo marker): it creates a missing one, which needs CREATE on the database and ownership of
 * every table, and sets the tables of an existing one that lists others, which needs ownership of
 * the publication and the tables. A superuser may do both.
 */
final class PostgresPublicationCheck implements PreflightCheck {

    @Override
    public String title() {
        return "publication";
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (CaptureLayout.Capture capture : context.reachableCaptures(DatabaseKind.POSTGRESQL)) {
            SystemSide side = capture.side();
            try (Connection c = context.connect(side)) {
                findings.add(check(c, capture, context.connections(side).dialect()));
            }
        }
        return findings;
    }

    private static Finding check(Connection c, CaptureLayout.Capture capture, SqlDialect dialect) throws SQLException {
        String path = CheckContext.systemPath(capture.side());
        String name = capture.publication();
        Map<String, Object> me = Sql.row(c, "SELECT current_user AS name, current_database() AS db, rolsuper,"
                + " has_database_privilege(current_database(), 'CREATE') AS may_create"
                + " FROM pg_catalog.pg_roles WHERE rolname = current_user");
        boolean superuser = Boolean.TRUE.equals(me.get("rolsuper"));
        List<TableId> wanted = capture.publishedTables();
        List<TableId> missing = new ArrayList<>();
        List<TableId> notOwned = new ArrayList<>();
        for (TableId t : wanted) {
            Object owned = Sql.value(c, "SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_catalog.pg_class c"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?"
                    + " AND c.relkind IN ('r', 'p')", t.schema(), t.table());
            if (owned == null) {
                missing.add(t);
            } else if (!Boolean.TRUE.equals(owned)) {
                notOwned.add(t);
            }
        }
        String tableList = wanted.stream().map(dialect::qualifiedName).collect(Collectors.joining(", "));
        String afterOwn = missing.isEmpty() ? "" : " (once " + missing + " exist)";
        Map<String, Object> pub = Sql.row(c, "SELECT pg_get_userbyid(pubowner) AS owner, puballtables,"
                + " pg_has_role(current_user, pubowner, 'USAGE') AS mine FROM pg_catalog.pg_publication WHERE pubname = ?", name);
        if (pub != null) {
            if (Boolean.TRUE.equals(pub.get("puballtables"))) {
                return Finding.problem(path, "publication " + name + " publishes all tables, but the capture needs it filtered to its"
                        + " tables and cannot alter it", "drop it (DROP PUBLICATION " + dialect.quoteIdentifier(name)
                        + ") so the capture creates it filtered");
            }
            List<Map<String, Object>> rows = Sql.rows(c, "SELECT schemaname, tablename FROM pg_catalog.pg_publication_tables"
                    + " WHERE pubname = ?", name);
            var published = rows.stream().map(r -> new TableId((String) r.get("schemaname"), (String) r.get("tablename")))
                    .collect(Collectors.toSet());
            if (published.equals(new HashSet<>(wanted))) {
                return Finding.ok(path, "publication " + name + " exists with the captured tables");
            }
            boolean mine = Boolean.TRUE.equals(pub.get("mine"));
            if (superuser || (mine && notOwned.isEmpty())) {
                return Finding.ok(path, "publication " + name + " exists; the capture sets its tables to " + wanted);
            }
            String why = !mine ? "it is owned by '" + pub.get("owner") + "'" : "it does not own " + notOwned;
            return Finding.problem(path, "publication " + name + " lists " + published + " but the capture needs " + wanted
                    + ", and user '" + me.get("name") + "' cannot change it: " + why,
                    "have the owner (or a superuser) run ALTER PUBLICATION " + dialect.quoteIdentifier(name) + " SET TABLE "
                            + tableList + afterOwn);
        }
        boolean mayCreate = Boolean.TRUE.equals(me.get("may_create"));
        if (superuser || (mayCreate && notOwned.isEmpty())) {
            return Finding.ok(path, "publication " + name + " will be created for " + wanted);
        }
        List<String> why = new ArrayList<>();
        if (!mayCreate) {
            why.add("it lacks CREATE on database " + me.get("db"));
        }
        if (!notOwned.isEmpty()) {
            why.add("it does not own " + notOwned);
        }
        String fix = "have the tables' owner (or a superuser) run CREATE PUBLICATION " + dialect.quoteIdentifier(name) + " FOR TABLE "
                + tableList + afterOwn;
        if (notOwned.isEmpty()) {
            fix = "GRANT CREATE ON DATABASE " + dialect.quoteIdentifier(String.valueOf(me.get("db"))) + " TO "
                    + dialect.quoteIdentifier(String.valueOf(me.get("name"))) + ", or " + fix;
        }
        return Finding.problem(path, "user '" + me.get("name") + "' cannot create publication " + name + ": "
                + String.join(" and ", why), fix);
    }
}
