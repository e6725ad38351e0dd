package dev.cutover.core.conflict;

import dev.cutover.core.event.ChangeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A key whose conflict waits for a person, with the changes of that key that arrived since, in
 * order. Not thread-safe: its applier owns it.
 */
public final class ParkedKey {

    private final ConflictRecord conflict;
    private final List<HeldChange> held = new ArrayList<>();

    public ParkedKey(ConflictRecord conflict) {
        this.conflict = Objects.requireNonNull(conflict, "conflict");
        if (!conflict.parked()) {
            throw new IllegalArgumentException("conflict " + conflict.id() + " is not parked");
        }
    }

    public ConflictRecord conflict() {
        return conflict;
    }

    /** The changes waiting, in order. */
    public List<HeldChange> held() {
        return List.copyOf(held);
    }

    /**
     * Queues {@code change} behind the conflict and returns its log entry, or returns null when it is
     * the parked change itself or already queued (a re-delivery).
     */
    public HeldChange hold(ChangeEvent change) {
        if (sameSource(conflict.conflict().change(), change)) {
            return null;
        }
        for (HeldChange h : held) {
            if (sameSource(h.change(), change)) {
                return null;
            }
        }
        HeldChange entry = new HeldChange(conflict.id(), held.size() + 1, change);
        held.add(entry);
        return entry;
    }

    /** Restores an entry read back from the conflict log; entries of other conflicts and re-deliveries are ignored. */
    public void restore(HeldChange entry) {
        if (entry.conflictId().equals(conflict.id())) {
            hold(entry.change());
        }
    }

    private static boolean sameSource(ChangeEvent a, ChangeEvent b) {
        return a.position().equals(b.position()) && a.operation() == b.operation() && a.key().equals(b.key());
    }
}
