package dev.cutover.cli.check;

import dev.cutover.config.ByteSize;
import dev.cutover.config.DatabaseKind;
import dev.cutover.debezium.CaptureKind;
import dev.cutover.debezium.RetainedLog;
import dev.cutover.debezium.RetainedLogProbe;
import dev.cutover.runtime.RetainedLogReport;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How much log each capture's position keeps its database from discarding, measured from the
 * database (and, for MariaDB, the offset file in the data directory), so it answers while the
 * bridge is stopped, which is when it grows. Above {@code tuning.slot-retained-warn} it is a
 * problem: the database's disk fills until the capture catches up or its position is dropped.
 */
final class RetainedLogCheck implements PreflightCheck {

    private static final String SETTING = "tuning.slot-retained-warn";

    @Override
    public String title() {
        return "retained log";
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        ByteSize limit = context.config().tuning().slotRetainedWarn();
        List<Finding> findings = new ArrayList<>();
        for (DatabaseKind kind : DatabaseKind.values()) {
            for (CaptureLayout.Capture capture : context.reachableCaptures(kind)) {
                boolean postgres = kind == DatabaseKind.POSTGRESQL;
                RetainedLogProbe probe = RetainedLogProbe.of(CaptureKind.ofJdbcUrl(context.config().system(capture.side()).jdbcUrl()),
                        capture.slot(), capture.offsetFile());
                String path = CheckContext.systemPath(capture.side());
                Optional<RetainedLog> retained;
                try (Connection c = context.connect(capture.side())) {
                    retained = probe.measure(c);
                } catch (Exception e) {
                    findings.add(Finding.problem(path, "cannot tell how much log the " + probe.holder() + " retains: "
                            + e.getMessage(), postgres ? "see the message" : "see the message; when the stored position's binlog"
                            + " is gone, delete " + capture.offsetFile() + " and its .history file so the capture starts afresh"));
                    continue;
                }
                findings.add(finding(path, probe, retained, limit, capture, postgres));
            }
        }
        return findings;
    }

    private static Finding finding(String path, RetainedLogProbe probe, Optional<RetainedLog> retained, ByteSize limit,
            CaptureLayout.Capture capture, boolean postgres) {
        if (retained.isEmpty()) {
            return Finding.ok(path, probe.holder() + " retains no log: the capture has no position yet");
        }
        String what = RetainedLogReport.describe(probe, retained.get());
        if (retained.get().bytes() <= limit.bytes()) {
            return Finding.ok(path, what + ", within " + SETTING + " (" + limit + ")");
        }
        return Finding.problem(path, what + ", above " + SETTING + " (" + limit + "): the database keeps it until the capture"
                + " catches up", postgres
                ? "start the bridge (`cutover run`) so the capture catches up and releases it; if the bridge is retired, drop the slot"
                        + " with SELECT pg_drop_replication_slot('" + capture.slot() + "') and delete " + capture.offsetFile()
                : "start the bridge (`cutover run`) so the capture catches up; until it does, binlog retention (expire_logs_days,"
                        + " binlog_expire_logs_seconds) and PURGE BINARY LOGS must spare these files, or the capture cannot resume;"
                        + " if the bridge is retired, delete " + capture.offsetFile() + " and let the binlog be purged");
    }
}
