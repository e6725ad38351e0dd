package dev.cutover.debezium;

/** {@link CaptureResyncScenarios} on the machine's MariaDB. */
class MariaDbCaptureResyncIT extends MariaDbCaptureITSupport implements CaptureResyncScenarios<MariaDbCaptureSource> {
}
