package dev.cutover.debezium;

/** How far behind the binlog's end a MariaDB capture's stored position lies ({@link CaptureRetentionScenarios}). */
class MariaDbCaptureRetentionIT extends MariaDbCaptureITSupport implements CaptureRetentionScenarios<MariaDbCaptureSource> {
}
