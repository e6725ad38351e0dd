package dev.cutover.tools.bench;

import static dev.cutover.tools.bench.BenchCommand.report;
import static dev.cutover.tools.bench.BenchCommand.seconds;

import dev.cutover.runtime.BridgeService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;

/**
 * The initial-load phase from a MariaDB legacy ({@code --load-from-mariadb}): the bench's legacy
 * table, of the same rows, on a MariaDB server, piped by {@code mariadb --batch | psql COPY} into
 * a table of its shape on the new server for reference, then loaded by a fresh bridge, timed from
 * its start until the new table holds every row.
 */
final class MariaDbLoadPhase {

    /** Starts a fresh bridge of {@code binding} from the legacy system {@code legacy}. */
    @FunctionalInterface
    interface Starter {
        BridgeService start(String name, String legacy, String binding) throws Exception;
    }

    private static final String DATABASE = "cutover_bench_mlegacy";
    private static final String DDL = "CREATE TABLE ord_hdr (ord_id bigint PRIMARY KEY, cust_id int NOT NULL, amt decimal(12,2) NOT NULL,"
            + " stat_cd char(1) NOT NULL, upd_ts datetime(6) NOT NULL, note text)";
    private static final String COLUMNS = "ord_id, cust_id, amt, stat_cd, upd_ts, note";

    private MariaDbLoadPhase() {
    }

    static void run(BenchDatabases dbs, String hostPort, int rows, Starter starter) throws Exception {
        try (Connection admin = DriverManager.getConnection("jdbc:mariadb://" + hostPort + "/", "root", null);
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE);
            try {
                s.execute("USE " + DATABASE);
                s.execute(DDL);
                long start = System.nanoTime();
                s.execute("INSERT INTO ord_hdr SELECT seq, seq % 5000, ((seq * 41) % 1000000) / 100.0, 'N',"
                        + " TIMESTAMP'2020-01-01 00:00:00' + INTERVAL seq SECOND, CONCAT('order ', seq) FROM seq_0_to_" + (rows - 1));
                s.execute("ANALYZE TABLE ord_hdr");
                report("load from MariaDB: %,d legacy rows written in %.1f s", rows, seconds(start));
                double pipe = pipeRestore(dbs, hostPort, rows);
                if (pipe > 0) {
                    report("load from MariaDB: mariadb --batch | psql copied them into a table of the same shape on the new server"
                            + " in %.2f s = %,.0f rows/s", rows / pipe, pipe);
                }
                LoadPhase.checkpoint(dbs);
                start = System.nanoTime();
                String legacy = "{ kind: mariadb, jdbc-url: \"jdbc:mariadb://" + hostPort + "/" + DATABASE + "\", user: root }";
                try (BridgeService service = starter.start("bench_mload", legacy, BenchWorkload.bindingFrom(DATABASE + ".ord_hdr"));
                        Connection neu = dbs.connectNew()) {
                    double started = seconds(start);
                    LoadPhase.awaitRows(neu, rows, service);
                    double seconds = seconds(start);
                    report("load from MariaDB: cutover loaded them in %.2f s = %,.0f rows/s from its start (started in %.2f s)%s",
                            seconds, rows / seconds, started, pipe > 0
                                    ? String.format(Locale.ROOT, "; %.0f%% of mariadb --batch | psql", 100 * rows / seconds / pipe) : "");
                }
            } finally {
                s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            }
        }
    }

    /** Rows per second of {@code mariadb --batch | psql -c "COPY ..."} into a PostgreSQL table of the legacy shape; 0 without the tools. */
    private static double pipeRestore(BenchDatabases dbs, String hostPort, int rows) throws Exception {
        String[] hp = hostPort.split(":");
        return LoadPhase.pipedCopy(dbs, rows, "mariadb --batch | psql", "mariadb -h " + hp[0] + " -P " + hp[1]
                + " -u root --batch --skip-column-names --quick -e 'SELECT " + COLUMNS + " FROM " + DATABASE + ".ord_hdr' | psql -q -v"
                + " ON_ERROR_STOP=1 " + LoadPhase.libpq(dbs.newUrl()) + " -c 'COPY ord_hdr FROM STDIN'");
    }
}
