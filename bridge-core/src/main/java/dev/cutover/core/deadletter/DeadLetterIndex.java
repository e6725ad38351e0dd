package dev.cutover.core.deadletter;

import dev.cutover.core.deadletter.DeadLetterEntry.Closed;
import dev.cutover.core.deadletter.DeadLetterEntry.DeadLetter;
import dev.cutover.core.deadletter.DeadLetterEntry.HeldBehind;
import dev.cutover.core.deadletter.DeadLetterEntry.Outcome;
import dev.cutover.core.deadletter.DeadLetterEntry.Released;
import dev.cutover.core.event.ChangeEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state the dead-letter log leaves, folded entry by entry: every dead letter, whether it is
 * open, the changes still held behind it, and which target rows are blocked.
 *
 * <p>A row stays blocked while its dead letter is open <em>or</em> changes still wait behind it:
 * after a replay or discard closed the dead letter, its held changes are applied one by one and
 * only the release of the last one frees the row. A held change refused again on replay becomes a
 * dead letter that {@linkplain DeadLetter#follows() follows} the first: the changes after it move
 * behind it, in order, and it blocks the row instead.
 *
 * <p>Folding is idempotent per entry (a dead letter added twice counts once), so a log written
 * twice by a retried step rebuilds the same state. Not thread-safe.
 */
public final class DeadLetterIndex {

    /** Where a dead letter stands. */
    public enum Status { OPEN, REPLAYED, DISCARDED }

    private final Map<String, DeadLetter> letters = new LinkedHashMap<>();
    private final Map<String, Status> status = new HashMap<>();
    private final Map<String, TreeMap<Integer, HeldBehind>> pending = new HashMap<>();
    private final Map<String, Integer> lastSequence = new HashMap<>();
    private final Map<BlockKey, String> blocking = new HashMap<>();

    /** Folds one entry in; entries of unknown dead letters are ignored. */
    public void add(DeadLetterEntry entry) {
        if (entry instanceof DeadLetter d) {
            addDeadLetter(d);
        } else if (entry instanceof HeldBehind h) {
            if (letters.containsKey(h.deadLetterId())) {
                pending.get(h.deadLetterId()).put(h.sequence(), h);
                lastSequence.merge(h.deadLetterId(), h.sequence(), Math::max);
            }
        } else if (entry instanceof Closed c) {
            if (letters.containsKey(c.deadLetterId())) {
                status.put(c.deadLetterId(), c.outcome() == Outcome.REPLAYED ? Status.REPLAYED : Status.DISCARDED);
                unblockIfDone(c.deadLetterId());
            }
        } else if (entry instanceof Released r) {
            TreeMap<Integer, HeldBehind> queue = pending.get(r.deadLetterId());
            if (queue != null) {
                queue.remove(r.sequence());
                unblockIfDone(r.deadLetterId());
            }
        }
    }

    private void addDeadLetter(DeadLetter d) {
        if (letters.containsKey(d.id())) {
            return;
        }
        letters.put(d.id(), d);
        status.put(d.id(), Status.OPEN);
        TreeMap<Integer, HeldBehind> queue = new TreeMap<>();
        pending.put(d.id(), queue);
        if (d.follows() != null && pending.containsKey(d.follows())) {
            // The held change d was refused again. Those applied before it are released already, so
            // every other change still held behind the first dead letter comes after d: they wait behind d now.
            TreeMap<Integer, HeldBehind> before = pending.get(d.follows());
            queue.putAll(before);
            queue.remove(d.sequence());
            before.clear();
            lastSequence.put(d.id(), lastSequence.getOrDefault(d.follows(), 0));
            unblockIfDone(d.follows());
        }
        if (d.blocks() != null) {
            blocking.put(d.blocks(), d.id());
        }
    }

    private void unblockIfDone(String id) {
        if (status.get(id) != Status.OPEN && pending.get(id).isEmpty()) {
            DeadLetter d = letters.get(id);
            if (d.blocks() != null) {
                blocking.remove(d.blocks(), id);
            }
        }
    }

    /** The id of the dead letter that blocks {@code key}, or null when the row is free. */
    public String blocking(BlockKey key) {
        return blocking.get(key);
    }

    /** The dead letter with {@code id}. */
    public Optional<DeadLetter> get(String id) {
        return Optional.ofNullable(letters.get(id));
    }

    /** Where the dead letter with {@code id} stands; null when unknown. */
    public Status status(String id) {
        return status.get(id);
    }

    /**
     * The changes still held behind dead letter {@code id}, in the order they are to be applied: as
     * they came at their source (see {@link SourceOrder}), else as they were held; empty when none
     * or unknown. A change refused on the capture side is held at once, so it may be held before an
     * older change of the row that was still on its way to the applier.
     */
    public List<HeldBehind> held(String id) {
        TreeMap<Integer, HeldBehind> queue = pending.get(id);
        return queue == null ? List.of() : SourceOrder.sorted(List.copyOf(queue.values()), HeldBehind::change);
    }

    /**
     * True when {@code change} came before the change of dead letter {@code id} at its source: it
     * belongs before the dead letter in the row's history, so it must not wait behind it (a change
     * still on its way when a capture-side refusal blocked the row, or one delivered again after a
     * crash that had been applied already).
     */
    public boolean precedes(ChangeEvent change, String id) {
        DeadLetter d = letters.get(id);
        return d != null && d.change() != null && SourceOrder.compare(change, d.change()) < 0;
    }

    /** The highest sequence held behind {@code id} so far (0 when none), to number the next one. */
    public int lastSequence(String id) {
        return lastSequence.getOrDefault(id, 0);
    }

    /**
     * True when the dead letter still needs a person or a replay: it is open, or changes still wait
     * behind it.
     */
    public boolean active(String id) {
        return status.get(id) == Status.OPEN || !held(id).isEmpty();
    }

    /** Every dead letter, oldest first. */
    public List<DeadLetter> all() {
        return List.copyOf(letters.values());
    }

    /** The {@linkplain #active active} dead letters, oldest first. */
    public List<DeadLetter> active() {
        List<DeadLetter> list = new ArrayList<>();
        for (DeadLetter d : letters.values()) {
            if (active(d.id())) {
                list.add(d);
            }
        }
        return list;
    }

    /** The number of open dead letters per binding; bindings without any are left out. */
    public Map<String, Integer> openByBinding() {
        Map<String, Integer> counts = new HashMap<>();
        letters.values().stream().filter(d -> status.get(d.id()) == Status.OPEN).forEach(d -> counts.merge(d.binding(), 1, Integer::sum));
        return counts;
    }

    /**
     * True when {@code change} is already in the queue of {@code id}: its own change or a held one.
     * A change delivered again after a crash (its offset not yet committed) must not be queued twice.
     */
    public boolean queued(String id, ChangeEvent change) {
        DeadLetter d = letters.get(id);
        if (d == null) {
            return false;
        }
        if (change.equals(d.change())) {
            return true;
        }
        return pending.get(id).values().stream().anyMatch(h -> h.change().equals(change));
    }
}
