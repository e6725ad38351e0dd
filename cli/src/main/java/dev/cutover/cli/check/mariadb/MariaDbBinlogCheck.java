package dev.cutover.cli.check.mariadb;

import dev.cutover.cli.check.CaptureLayout;
import dev.cutover.cli.check.CheckContext;
import dev.cutover.cli.check.Finding;
import dev.cutover.cli.check.PreflightCheck;
import dev.cutover.config.DatabaseKind;
import dev.cutover.jdbc.mariadb.BinlogSettings;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What binlog capture needs on a captured MariaDB database: {@code log_bin}, row-based logging of
 * whole rows ({@code binlog_format=ROW}, {@code binlog_row_image=FULL}), a {@code server_id}, and a
 * user who may read the binlog (REPLICATION SLAVE, and BINLOG MONITOR or REPLICATION CLIENT). Judges
 * the same {@link BinlogSettings} reading a capture checks at start.
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
            String path = CheckContext.systemPath(capture.side());
            BinlogSettings settings;
            try (Connection c = context.connect(capture.side())) {
                settings = BinlogSettings.read(c);
            }
            findings.add(settings.logBin() ? Finding.ok(path, "log_bin is ON")
                    : Finding.problem(path, "log_bin is '0' but the captured database needs it ON", CONFIG_FIX));
            findings.add(setting(path, "binlog_format", settings.binlogFormat(), "ROW"));
            findings.add(setting(path, "binlog_row_image", settings.binlogRowImage(), "FULL"));
            findings.add(settings.serverId() == 0
                    ? Finding.problem(path, "server_id is 0, so the server writes no usable binlog for replicas", CONFIG_FIX)
                    : Finding.ok(path, "server_id is " + settings.serverId()));
            findings.add(privileges(path, settings.missingPrivileges()));
        }
        return findings;
    }

    private static Finding setting(String path, String name, String actual, String wanted) {
        if (wanted.equals(actual == null ? null : actual.toUpperCase(Locale.ROOT))) {
            return Finding.ok(path, name + " is " + wanted);
        }
        return Finding.problem(path, name + " is '" + actual + "' but the captured database needs " + wanted, CONFIG_FIX);
    }

    private static Finding privileges(String path, List<String> missing) {
        if (missing.isEmpty()) {
            return Finding.ok(path, "the user may read the binlog");
        }
        return Finding.problem(path, "the user lacks " + String.join(" and ", missing) + ", which reading the binlog needs",
                "as an administrator run GRANT SELECT, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO <the capture user>");
    }
}
