package dev.cutover.tools.demo;

import dev.cutover.runtime.BridgeService;
import dev.cutover.runtime.verify.TableComparison;
import dev.cutover.tools.lifecycle.DirectionWalk;
import dev.cutover.tools.lifecycle.SupplierTables;
import dev.cutover.tools.lifecycle.SyncCheck;
import dev.cutover.tools.lifecycle.TableWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo's last act: one table's life over a rewrite, while the bridge runs. {@code supp_mstr ->
 * suppliers} is streamed one way while the legacy application writes it, switched to two-way with
 * the legacy application still writing and then the new one writing too, switched to
 * new-to-legacy once the legacy application stops, and retired to none. Each switch's steps are
 * printed as the bridge reports them, and after each phase the tables are compared.
 */
final class LifecycleDemo {

    private static final String BINDING = SupplierTables.BINDING;
    private static final int WRITES_PER_SECOND = 20;
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

    private final BridgeService service;
    private final EmbeddedDatabases dbs;
    private final DirectionWalk walk;
    private final SyncCheck check;
    private final Duration phase;

    LifecycleDemo(BridgeService service, EmbeddedDatabases dbs, DirectionWalk walk, SyncCheck check, Duration phase) {
        this.service = service;
        this.dbs = dbs;
        this.walk = walk;
        this.check = check;
        this.phase = phase;
    }

    /** Walks the table through every direction; true when the tables were equal after each phase. */
    boolean run() throws Exception {
        say("Lifecycle of one table, supp_mstr -> suppliers, while the bridge runs (keys: odd on legacy, even on new):");
        say("  1. legacy-to-new: the new system reads suppliers; the legacy application writes them.");
        boolean equal;
        try (TableWriter legacyApp = legacyWriter()) {
            pause(phase);
            say("  2. switch to two-way, the legacy application still writing:");
            walk.switchTo("two-way");
            say("     the new application writes suppliers too.");
            try (TableWriter newApp = newWriter()) {
                pause(phase);
            }
        }
        equal = awaitEqual("two-way");
        say("  3. the legacy application stops writing suppliers; switch to new-to-legacy, the new application writing:");
        try (TableWriter newApp = newWriter()) {
            walk.switchTo("new-to-legacy");
            pause(phase);
        }
        equal &= awaitEqual("new-to-legacy");
        say("  4. the legacy system is retired: switch to none.");
        walk.switchTo("none");
        say("     suppliers is now %s.", stateOfBinding());
        return equal;
    }

    private TableWriter legacyWriter() throws Exception {
        return new TableWriter(dbs.legacyConnection(), SupplierTables.LEGACY, "legacy", WRITES_PER_SECOND);
    }

    private TableWriter newWriter() throws Exception {
        return new TableWriter(dbs.newConnection(), SupplierTables.NEW, "new", WRITES_PER_SECOND);
    }

    /** Lets the applications write for a while; the demo's pace, nothing waits on it. */
    private static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    private boolean awaitEqual(String direction) throws Exception {
        TableComparison.Result result = check.awaitEqual(BINDING, SYNC_TIMEOUT);
        if (result.inSync()) {
            say("     %s: the tables are equal through the mapping (%s).", direction, result.describe());
        } else {
            say("     %s: NOT equal after %s: %s", direction, SYNC_TIMEOUT, result.describe());
        }
        return result.inSync();
    }

    private String stateOfBinding() {
        Object bindings = service.status().get("bindings");
        if (bindings instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> b && BINDING.equals(b.get("name"))) {
                    return String.valueOf(b.get("state"));
                }
            }
        }
        return "not listed in /status";
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
        System.out.flush();
    }
}
