package dev.cutover.debezium;

/** {@link CaptureResyncScenarios} on the machine's PostgreSQL. */
class PostgresCaptureResyncIT extends CaptureITSupport implements CaptureResyncScenarios<PostgresCaptureSource> {
}
