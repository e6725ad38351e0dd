package dev.cutover.debezium;

import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.testkit.TestDatabase;
import dev.cutover.testkit.mariadb.MariaDbTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Shared set-up of the MariaDB capture integration tests: a fresh database per test class on the
 * machine's MariaDB (binlog enabled by {@code .ci/prepare-databases}). The binlog keeps no state
 * per reader, so nothing but the sources needs cleaning up after a test.
 */
abstract class MariaDbCaptureITSupport extends AbstractCaptureITSupport<MariaDbCaptureSource> {

    static MariaDbTestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = MariaDbTestDatabase.create("cutover_debezium_maria");
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    @Override
    public TestDatabase database() {
        return db;
    }

    @Override
    public TableId tableId(String name) {
        return new TableId(db.name(), name);
    }

    @Override
    CaptureOptions.Builder connectTo(CaptureOptions.Builder builder) {
        return builder.database(db.jdbcUrl(), db.user(), db.password());
    }

    @Override
    MariaDbCaptureSource newSource(CaptureOptions options, PipelineListener listener) {
        return new MariaDbCaptureSource(options, listener);
    }

    /** {@code db.table} quoted for MariaDB. */
    static String table(String name) {
        return "`" + db.name() + "`.`" + name + "`";
    }
}
