package dev.cutover.config.diff;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.event.TableId;
import java.util.Set;

/** What a reload does to a binding, said in a few words for the plan. */
final class Effects {

    private Effects() {
    }

    static String added(BindingOptions binding) {
        return binding.synced() ? "starts, " + start(binding) : start(binding);
    }

    static String removed(BindingOptions binding) {
        return binding.synced() ? "stops; topics and state kept (cutover reload --purge removes them)"
                : "forgotten; it synced nothing";
    }

    /** The effect of the changed {@code aspects}; a direction switch speaks for itself. */
    static String changed(BindingOptions running, BindingOptions next, Set<Aspect> aspects, Switch directionSwitch) {
        if (directionSwitch != null) {
            return directionSwitch.allowed() ? directionSwitch.reason() : "refused";
        }
        if (aspects.contains(Aspect.TABLES)) {
            return "stops and starts anew on the new tables" + (next.synced() ? ", " + start(next) : "");
        }
        if (aspects.contains(Aspect.MODE)) {
            return (running.batched() ? "copies stop" : "streaming stops at a batch boundary") + ", then it " + start(next);
        }
        if (!next.synced()) {
            return "takes effect now";
        }
        return next.batched() ? "takes effect at the next copy" : "takes effect at the next batch boundary";
    }

    /** What a binding does when it starts: its first load or copy. */
    private static String start(BindingOptions binding) {
        if (!binding.synced()) {
            return "nothing syncs (" + binding.strategy().label() + ")";
        }
        if (binding.batched()) {
            return "copies " + source(binding) + " now, then on schedule '" + binding.batch().schedule().text() + "'";
        }
        return binding.direction() == Direction.TWO_WAY ? "loads each table into the other first"
                : "loads " + source(binding) + " first";
    }

    private static TableId source(BindingOptions binding) {
        return binding.direction() == Direction.NEW_TO_LEGACY ? binding.newTable() : binding.legacyTable();
    }
}
