package dev.cutover.debezium;

/**
 * Restart safety on PostgreSQL ({@link CaptureRestartScenarios}): a restarted capture delivers
 * everything not acknowledged, and nothing acknowledged is lost.
 */
class PostgresCaptureRestartIT extends CaptureITSupport implements CaptureRestartScenarios<PostgresCaptureSource> {

    /** Row by row, each its own transaction: the failed batch spans transactions. */
    @Override
    public String[] writeRowsToFailOn() {
        return CaptureRestartScenarios.rowByRow(1, ROWS);
    }
}
