package dev.cutover.debezium;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Restart safety on MariaDB ({@link CaptureRestartScenarios}): a capture resumes from its offset
 * file, after a stop without gaps or repeats, after a failure with the failed batch.
 */
class MariaDbCaptureRestartIT extends MariaDbCaptureITSupport implements CaptureRestartScenarios<MariaDbCaptureSource> {

    /**
     * One statement, one transaction: a single binlog rows event holding every row, so the stored
     * position of the failed batch lies inside it.
     */
    @Override
    public String[] writeRowsToFailOn() {
        return new String[] {"INSERT INTO seq VALUES " + IntStream.rangeClosed(1, ROWS).mapToObj(i -> "(" + i + ")").collect(Collectors.joining(","))};
    }
}
