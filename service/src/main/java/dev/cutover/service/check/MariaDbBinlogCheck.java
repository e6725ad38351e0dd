package dev.cutover.service.check;

import dev.cutover.config.DatabaseKind;
import dev.cutover.core.event.SystemSide;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What binlog capture needs on a captured MariaDB database: {@code log_bin}, row-based logging of
 * whole rows ({@code binlog_format=ROW}, {@code binlog_row_image=FULL}), a {@code server_id}, and a
 * user who may read the binlog (REPLICATION SLAVE, and BINLOG MONITOR or REPLICATION CLIENT).
 */
final class MariaDbBinlogCheck implements PreflightCheck {

    private static final String CONFIG_FIX = "in the server's my.cnf, under [mariadbd], set log_bin, binlog_format=ROW,"
            + " binlog_row_image=FULL and server_id=<a number unique among your servers>, then restart MariaDB";

    @Override
    public String title() {
        return "binlog capture";
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (CaptureLayout.Capture capture : context.reachableCaptures(DatabaseKind.MARIADB)) {
            SystemSide side = capture.side();
            String path = CheckContext.systemPath(side);
            try (Connection c = context.connect(side)) {
                Map<String, Object> settings = Sql.row(c, "SELECT @@log_bin AS log_bin, @@binlog_format AS binlog_format,"
                        + " @@binlog_row_image AS binlog_row_image, @@server_id AS server_id");
                findings.add(setting(path, "log_bin", settings.get("log_bin"), "1"));
                findings.add(setting(path, "binlog_format", settings.get("binlog_format"), "ROW"));
                findings.add(setting(path, "binlog_row_image", settings.get("binlog_row_image"), "FULL"));
                findings.add(String.valueOf(settings.get("server_id")).equals("0")
                        ? Finding.problem(path, "server_id is 0, so the server writes no usable binlog for replicas", CONFIG_FIX)
                        : Finding.ok(path, "server_id is " + settings.get("server_id")));
                findings.add(grants(c, path));
            }
        }
        return findings;
    }

    private static Finding setting(String path, String name, Object actual, String wanted) {
        String value = String.valueOf(actual);
        if (value.equalsIgnoreCase(wanted) || (wanted.equals("1") && value.equalsIgnoreCase("true"))) {
            return Finding.ok(path, name + " is " + (wanted.equals("1") ? "ON" : wanted));
        }
        return Finding.problem(path, name + " is '" + value + "' but the captured database needs "
                + (wanted.equals("1") ? "it ON" : wanted), CONFIG_FIX);
    }

    private static Finding grants(Connection c, String path) throws Exception {
        StringBuilder all = new StringBuilder();
        for (Map<String, Object> row : Sql.rows(c, "SHOW GRANTS")) {
            row.values().forEach(v -> all.append(v).append('\n'));
        }
        String text = all.toString().toUpperCase(Locale.ROOT);
        boolean everything = text.contains("GRANT ALL PRIVILEGES ON *.*");
        boolean slave = everything || text.contains("REPLICATION SLAVE") || text.contains("REPLICATION REPLICA");
        boolean monitor = everything || text.contains("BINLOG MONITOR") || text.contains("REPLICATION CLIENT");
        if (slave && monitor) {
            return Finding.ok(path, "the user may read the binlog");
        }
        return Finding.problem(path, "the user lacks " + (slave ? "" : "REPLICATION SLAVE") + (slave || monitor ? "" : " and ")
                + (monitor ? "" : "BINLOG MONITOR") + ", which reading the binlog needs",
                "as an administrator run GRANT SELECT, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO <the capture user>");
    }
}
