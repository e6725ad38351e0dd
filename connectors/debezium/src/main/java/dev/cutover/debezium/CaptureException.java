package dev.cutover.debezium;

/**
 * Why a {@link DebeziumCaptureSource} stopped on its own: the server or a table is not set up for
 * capture, the batch handler failed, a change could not be converted, or Debezium gave up
 * (connection lost beyond its retries, slot or publication missing, binlog purged, invalid
 * configuration). The message names the capture (bridge, side and its slot or binlog) and, for batch failures, the positions of the batch; the cause holds the original error.
 * Never contains credentials.
 */
public class CaptureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
