package dev.cutover.cli.check.postgres;

import dev.cutover.cli.check.CaptureLayout;
import dev.cutover.cli.check.CheckContext;
import dev.cutover.cli.check.Finding;
import dev.cutover.cli.check.PreflightCheck;
import dev.cutover.config.DatabaseKind;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.SqlDialect;
import dev.cutover.jdbc.postgres.CurrentUser;
import dev.cutover.jdbc.postgres.Publication;
import dev.cutover.jdbc.postgres.TableOwnership;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The capture's publication exists with its tables, or the user may create or update it. The
 * capture keeps the publication filtered to the captured tables and its own (heartbeat, signal,
 * echo marker): it creates a missing one, which needs CREATE on the database and ownership of
 * every table, and sets the tables of an existing one that lists others, which needs ownership of
 * the publication and the tables. A superuser may do both. Judges the {@link CurrentUser},
 * {@link TableOwnership} and {@link Publication} readings.
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
            CurrentUser user;
            TableOwnership ownership;
            Optional<Publication> publication;
            try (Connection c = context.connect(side)) {
                user = CurrentUser.read(c);
                ownership = TableOwnership.read(c, capture.publishedTables());
                publication = Publication.read(c, capture.publication());
            }
            findings.add(judge(capture, user, ownership, publication, context.connections(side).dialect()));
        }
        return findings;
    }

    private static Finding judge(CaptureLayout.Capture capture, CurrentUser me, TableOwnership ownership,
            Optional<Publication> publication, SqlDialect dialect) {
        String path = CheckContext.systemPath(capture.side());
        String name = capture.publication();
        List<TableId> wanted = capture.publishedTables();
        List<TableId> notOwned = ownership.notOwned();
        String tableList = wanted.stream().map(dialect::qualifiedName).collect(Collectors.joining(", "));
        String afterOwn = ownership.missing().isEmpty() ? "" : " (once " + ownership.missing() + " exist)";
        if (publication.isPresent()) {
            Publication pub = publication.get();
            if (pub.allTables()) {
                return Finding.problem(path, "publication " + name + " publishes all tables, but the capture needs it filtered to its"
                        + " tables and cannot alter it", "drop it (DROP PUBLICATION " + dialect.quoteIdentifier(name)
                        + ") so the capture creates it filtered");
            }
            if (pub.listsExactly(wanted)) {
                return Finding.ok(path, "publication " + name + " exists with the captured tables");
            }
            if (me.superuser() || (pub.ownedByUser() && notOwned.isEmpty())) {
                return Finding.ok(path, "publication " + name + " exists; the capture sets its tables to " + wanted);
            }
            String why = !pub.ownedByUser() ? "it is owned by '" + pub.owner() + "'" : "it does not own " + notOwned;
            return Finding.problem(path, "publication " + name + " lists " + pub.tables() + " but the capture needs " + wanted
                    + ", and user '" + me.name() + "' cannot change it: " + why,
                    "have the owner (or a superuser) run ALTER PUBLICATION " + dialect.quoteIdentifier(name) + " SET TABLE "
                            + tableList + afterOwn);
        }
        if (me.superuser() || (me.mayCreateInDatabase() && notOwned.isEmpty())) {
            return Finding.ok(path, "publication " + name + " will be created for " + wanted);
        }
        List<String> why = new ArrayList<>();
        if (!me.mayCreateInDatabase()) {
            why.add("it lacks CREATE on database " + me.database());
        }
        if (!notOwned.isEmpty()) {
            why.add("it does not own " + notOwned);
        }
        String fix = "have the tables' owner (or a superuser) run CREATE PUBLICATION " + dialect.quoteIdentifier(name) + " FOR TABLE "
                + tableList + afterOwn;
        if (notOwned.isEmpty()) {
            fix = "GRANT CREATE ON DATABASE " + dialect.quoteIdentifier(me.database()) + " TO " + dialect.quoteIdentifier(me.name())
                    + ", or " + fix;
        }
        return Finding.problem(path, "user '" + me.name() + "' cannot create publication " + name + ": " + String.join(" and ", why),
                fix);
    }
}
