package dev.cutover.cli.check;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.binding.SyncMode;
import dev.cutover.core.conflict.ConflictPolicy;
import dev.cutover.core.conflict.ConflictSpec;
import dev.cutover.core.event.SystemSide;
import dev.cutover.kafka.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import dev.cutover.runtime.BridgeRoles;

/**
 * Describes what each binding will do, from the configuration, its compiled mapping and which
 * captures will resume from a stored position. Pure: reads nothing itself.
 */
public final class BridgePlanner {

    private BridgePlanner() {
    }

    /**
     * The plan of every binding, in file order.
     *
     * @param bridge the bridge's name, for topic names
     * @param reviewed every binding, fitting its tables (each has a mapping)
     * @param resuming the captured sides whose capture will resume from a stored position (offsets and slot exist)
     */
    public static List<BindingPlan> plan(String bridge, List<ReviewedBinding> reviewed, Set<SystemSide> resuming) {
        List<BindingPlan> plans = new ArrayList<>();
        for (ReviewedBinding r : reviewed) {
            BindingOptions b = r.options();
            plans.add(new BindingPlan(b.name(), b.direction().label(), b.mode().label(), b.legacyTable().toString(),
                    b.newTable().toString(), topics(bridge, b), r.mapping() == null ? "(not compiled)" : r.mapping().summary(),
                    BindingSides.twoWay(b) ? conflicts(b.conflict()) : null, initialLoad(b, resuming)));
        }
        return plans;
    }

    /** One topic per direction the binding syncs, named for the table it is bound for. */
    static List<String> topics(String bridge, BindingOptions b) {
        List<String> topics = new ArrayList<>();
        for (SystemSide target : BindingSides.written(b)) {
            topics.add(TopicNames.changes(bridge, target, BindingSides.table(b, target)) + " (" + target.opposite().label() + " -> "
                    + target.label() + ")");
        }
        return topics;
    }

    /** The policy with what it needs, and the arbiter whose applier decides. */
    static String conflicts(ConflictSpec c) {
        String policy = c.policy().label();
        if (c.policy() == ConflictPolicy.NEWEST_WINS) {
            policy += " by " + c.column() + ", ties and deletes: " + c.fallback().label();
        } else if (c.policy() == ConflictPolicy.MERGE) {
            policy += ", columns changed on both sides and deletes: " + c.fallback().label();
        } else if (c.policy() == ConflictPolicy.CUSTOM) {
            policy += " (" + c.resolverClass() + ")";
        }
        return policy + "; arbiter: " + BridgeRoles.ARBITER.label();
    }

    /** Whether the captures load existing rows: on a first start, i.e. unless the capture resumes from a stored position. */
    static List<String> initialLoad(BindingOptions b, Set<SystemSide> resuming) {
        if (b.direction() == Direction.NONE) {
            return List.of("none: nothing is synced");
        }
        if (b.mode() == SyncMode.BATCH) {
            return List.of("none: copied in batches (mode batch), nothing is captured");
        }
        List<String> loads = new ArrayList<>();
        for (SystemSide side : BindingSides.captured(b)) {
            loads.add(resuming.contains(side)
                    ? "none from the " + side.label() + " side: its capture resumes from its stored position (a table new to it"
                            + " is loaded)"
                    : "initial load of existing " + side.label() + " rows on first start");
        }
        return loads;
    }
}
