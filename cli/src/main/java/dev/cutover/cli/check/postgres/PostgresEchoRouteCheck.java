package dev.cutover.cli.check.postgres;

import dev.cutover.cli.check.CaptureLayout;
import dev.cutover.cli.check.CheckContext;
import dev.cutover.cli.check.Finding;
import dev.cutover.cli.check.PreflightCheck;
import dev.cutover.config.DatabaseKind;
import dev.cutover.jdbc.postgres.ReplicationOrigins;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which way the echoes of two-way bindings will be kept from travelling back on a PostgreSQL
 * follower: left out by the server through the bridge's replication origins, or marked per
 * transaction and dropped by the capture, with the reason ({@link ReplicationOrigins#unavailableReason}).
 * Both work; the first costs nothing per echo, so the finding says what would enable it.
 */
final class PostgresEchoRouteCheck implements PreflightCheck {

    @Override
    public String title() {
        return "two-way echoes";
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (CaptureLayout.Capture capture : context.reachableCaptures(DatabaseKind.POSTGRESQL)) {
            if (capture.echoMarkerTable() == null) {
                continue;
            }
            Optional<String> unavailable;
            try (Connection c = context.connect(capture.side())) {
                unavailable = ReplicationOrigins.unavailableReason(c, context.config().name());
            }
            String path = CheckContext.systemPath(capture.side());
            findings.add(Finding.ok(path, unavailable
                    .map(reason -> "echoes of the two-way bindings will be marked per transaction and dropped by the capture, as "
                            + reason)
                    .orElse("echoes of the two-way bindings will be left out by the server: the applier tags its sessions with"
                            + " replication origins " + ReplicationOrigins.names(context.config().name()))));
        }
        return findings;
    }
}
