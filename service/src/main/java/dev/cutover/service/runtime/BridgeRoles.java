package dev.cutover.service.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.core.event.SystemSide;
import java.nio.file.Path;

/**
 * Facts about a bridge's two systems that the running pipeline and the commands that describe it
 * (check, plan) must agree on. Stateless.
 */
public final class BridgeRoles {

    /**
     * The side whose applier decides the conflicts of two-way bindings (see
     * {@link dev.cutover.core.conflict.ConflictCheck}): the legacy system, the system of record
     * while the rewrite catches up. The other side's capture drops the echoes of the follower
     * applier's writes.
     */
    public static final SystemSide ARBITER = SystemSide.LEGACY;

    private BridgeRoles() {
    }

    /** Where the capture of {@code side} keeps its position: {@code <data-dir>/offsets/<side>.offsets}. */
    public static Path offsetFile(BridgeConfig config, SystemSide side) {
        return config.dataDir().resolve("offsets").resolve(side.label() + ".offsets");
    }
}
