package dev.cutover.cli.check;

import dev.cutover.config.SystemOptions;
import dev.cutover.core.event.SystemSide;
import java.util.ArrayList;
import java.util.List;

/** Both systems' databases can be reached and accept the configured user and password. */
final class SystemConnectivityCheck implements PreflightCheck {

    @Override
    public String title() {
        return "connectivity and credentials";
    }

    @Override
    public List<Finding> run(CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        for (SystemSide side : SystemSide.values()) {
            SystemOptions system = context.config().system(side);
            String path = CheckContext.systemPath(side);
            String who = system.redactedJdbcUrl() + " as " + context.connections(side).user();
            CheckContext.Reach reach = context.reach(side);
            if (reach.error() == null) {
                findings.add(Finding.ok(path, "connected to " + who + " (" + reach.version() + ")"));
            } else {
                findings.add(Finding.problem(path, "cannot connect to " + who + ": " + reach.error(), fix(path, reach.sqlState())));
            }
        }
        return findings;
    }

    /** The fix by SQLState class: 28 is a refused login, 3D an unknown database, 08 (and none) no connection at all. */
    static String fix(String path, String sqlState) {
        if (sqlState != null && sqlState.startsWith("28")) {
            return "correct " + path + ".user and " + path + ".password, or let the server accept that user from this host"
                    + " (pg_hba.conf)";
        }
        if ("3D000".equals(sqlState)) {
            return "create the database, or correct the database name in " + path + ".jdbc-url";
        }
        return "start the database server, or correct host and port in " + path + ".jdbc-url; the server must accept TCP"
                + " connections from this machine";
    }
}
