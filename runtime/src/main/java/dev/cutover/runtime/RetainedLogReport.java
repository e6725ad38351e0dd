package dev.cutover.runtime;

import dev.cutover.config.ByteSize;
import dev.cutover.debezium.RetainedLog;
import dev.cutover.debezium.RetainedLogProbe;

/** How the running bridge's log and {@code cutover check} word what a capture's position retains. Stateless. */
public final class RetainedLogReport {

    private RetainedLogReport() {
    }

    /** {@code replication slot cutover_shop_legacy retains 117.3 MiB of log (from 0/16B3748 to 0/A1B2C3D4)}. */
    public static String describe(RetainedLogProbe probe, RetainedLog retained) {
        return probe.holder() + " retains " + ByteSize.approximate(retained.bytes()) + " of log (from " + retained.position()
                + " to " + retained.end() + ")";
    }
}
