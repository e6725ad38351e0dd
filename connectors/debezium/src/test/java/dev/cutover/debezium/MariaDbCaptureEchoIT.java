package dev.cutover.debezium;

/** Echo suppression on MariaDB ({@link CaptureEchoScenarios}). */
class MariaDbCaptureEchoIT extends MariaDbCaptureITSupport implements CaptureEchoScenarios<MariaDbCaptureSource> {

    @Override
    public String mark(String bridge) {
        return "INSERT INTO cutover_apply_marker (bridge, batch, applied_at) VALUES ('" + bridge + "', 1, UTC_TIMESTAMP(6))"
                + " ON DUPLICATE KEY UPDATE batch = batch + 1, applied_at = VALUES(applied_at)";
    }
}
