package dev.cutover.runtime;

import dev.cutover.config.BridgeConfig;
import dev.cutover.core.event.SystemSide;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;

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

    /**
     * The static group membership id of an applier's consumer: the group plus a fingerprint of
     * this host and data directory. A restart of the same installation (even after {@code kill -9})
     * rejoins as the same member and gets its partitions back at once; another installation of the
     * same bridge (elsewhere, with its own data directory) is a member of its own. Only Kafka's
     * legal characters ({@code [a-zA-Z0-9._-]}).
     */
    public static String groupInstanceId(BridgeConfig config, String group) {
        CRC32 crc = new CRC32();
        crc.update((hostName() + "\u0000" + config.dataDir().toAbsolutePath().normalize()).getBytes(StandardCharsets.UTF_8));
        return group + "-" + String.format("%08x", crc.getValue());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Where the capture of {@code side} keeps its position: {@code <data-dir>/offsets/<side>.offsets}. */
    public static Path offsetFile(BridgeConfig config, SystemSide side) {
        return config.dataDir().resolve("offsets").resolve(side.label() + ".offsets");
    }
}
