package dev.cutover.debezium;

/** What a PostgreSQL capture's replication slot retains ({@link CaptureRetentionScenarios}). */
class PostgresCaptureRetentionIT extends CaptureITSupport implements CaptureRetentionScenarios<PostgresCaptureSource> {
}
