package dev.cutover.kafka;

import dev.cutover.core.drift.DriftReport;

/** A binding held for schema drift cannot resume: its written table still does not fit its compiled mapping. */
public final class StillDriftedException extends RuntimeException {

    private final transient DriftReport report;

    StillDriftedException(DriftReport report) {
        super(report.describe() + "; fix the table or the configuration first");
        this.report = report;
    }

    /** What still drifts. */
    public DriftReport report() {
        return report;
    }
}
