package dev.cutover.core.conflict;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a two-way binding's follower from showing an older version of a row its own system has
 * written since (a flicker), without giving up convergence.
 *
 * <p>The arbiter's writes travel back to the follower, including its versions of the follower's own
 * changes (their <em>reflections</em>). When the follower's system writes a row twice, {@code E} then
 * {@code W}, within one round trip, the reflection of {@code E} arrives after {@code W} was written
 * and would turn the row back to {@code E}'s version until the reflection of {@code W} follows. This
 * guard lets the follower skip that reflection, but only when skipping provably loses nothing:
 * <ol>
 *   <li>the change is the reflection of {@code E}: the arbiter wrote it in the very transaction in
 *       which it applied {@code E} (the arbiter's capture names that transaction);</li>
 *   <li>{@code W}, a later change of the same key captured on the follower's side after {@code E}
 *       and published, is still to come or being decided: the arbiter decides changes of one key
 *       in order, so it decides {@code W} after the reflection committed;</li>
 *   <li>{@code W} starts from the row the reflection leaves ({@code W}'s before image equals the
 *       reflection's after image). So the arbiter, judging {@code W}, finds its row as {@code W}
 *       expects unless the arbiter's system changed it again since, and that later change reaches
 *       the follower in turn; otherwise {@code W} applies and its own reflection follows;</li>
 *   <li>the follower's row is still as its own system last left it (the after image of the latest
 *       change captured there), so no change of the arbiter's system that the follower applied
 *       since stands in the row: the reflection would have been the one to replace it. The
 *       follower checks this ({@link Expectation#holds}) against the row it reads, and only when no
 *       earlier change of the key in its batch is to be applied first.</li>
 * </ol>
 * Anything not known for certain (a reflection that came before the arbiter reported its
 * transaction, state lost at a restart, entries dropped at the size bound) makes the follower
 * apply the change as it would without the guard: the row may flicker, the sides still converge.
 *
 * <p>Keys and images are in the follower's terms; the arbiter's changes are matched to the
 * follower's by their source position, which the mapping keeps. Thread-safe.
 */
public final class ReflectionGuard {

    /** The reason a follower change skipped by this guard is reported with (metric outcome {@code skipped_superseded}). */
    public static final String SKIP_SUPERSEDED = "superseded";

    private final int maxEntries;
    private final Map<String, Map<RowImage, Deque<Entry>>> byKey = new HashMap<>();
    private final Map<String, Map<SourcePosition, List<Entry>>> byPosition = new HashMap<>();
    private int entries;

    /** @param maxEntries how many follower changes to remember; beyond it all are forgotten (safe, see above) */
    public ReflectionGuard(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** One follower-side change on its way to the arbiter. */
    private static final class Entry {
        final RowImage key;
        final SourcePosition position;
        /** Null for an insert: the row the change starts from does not exist. */
        final RowImage before;
        /** Null for a delete: the change leaves no row. */
        final RowImage after;
        /** The arbiter's transaction that applied it, as its capture names it; null until known. */
        String arbiterTransaction;

        Entry(RowImage key, SourcePosition position, RowImage before, RowImage after) {
            this.key = key;
            this.position = position;
            this.before = before;
            this.after = after;
        }
    }

    /**
     * A change captured on the follower's side, mapped, and about to be published for the arbiter.
     * Must be called before it is published, so it is known before the arbiter can decide it.
     * Snapshot reads are not tracked: they have no before image.
     */
    public synchronized void captured(String binding, ChangeEvent change) {
        if (change.operation() == Operation.READ || change.position().equals(SourcePosition.NONE)) {
            return;
        }
        if (entries >= maxEntries) {
            forgetAll();
        }
        Entry entry = new Entry(change.key(), change.position(), change.before(), change.after());
        byKey.computeIfAbsent(binding, b -> new HashMap<>()).computeIfAbsent(entry.key, k -> new ArrayDeque<>()).addLast(entry);
        byPosition.computeIfAbsent(binding, b -> new HashMap<>()).computeIfAbsent(entry.position, p -> new ArrayList<>(1)).add(entry);
        entries++;
    }

    /**
     * The arbiter committed a transaction applying {@code changes} of {@code binding} (as it
     * received them: in its own terms, with the follower's source positions).
     *
     * @param transaction the committed transaction as the arbiter's capture names it; null when it
     *     wrote nothing, so no reflection comes and the changes are forgotten
     */
    public synchronized void arbitrated(String binding, List<ChangeEvent> changes, String transaction) {
        Map<SourcePosition, List<Entry>> positions = byPosition.get(binding);
        if (positions == null) {
            return;
        }
        for (ChangeEvent change : changes) {
            List<Entry> matching = positions.get(change.position());
            if (matching == null) {
                continue;
            }
            if (transaction == null) {
                List.copyOf(matching).forEach(e -> remove(binding, e));
            } else {
                matching.forEach(e -> e.arbiterTransaction = transaction);
            }
        }
    }

    /**
     * What the follower's row must be for a superseded reflection to be skipped: as the follower's
     * system last left it.
     *
     * @param row the after image of the latest change captured on the follower's side; null when
     *     that change deleted the row
     */
    public record Expectation(RowImage row) {

        /** True when {@code current} (null: no row) is the expected row, in every column the expected image holds. */
        public boolean holds(RowImage current) {
            if (row == null || current == null) {
                return row == null && current == null;
            }
            return covers(current, row);
        }
    }

    /**
     * Whether the follower may skip {@code change}, a change of the arbiter's system mapped to the
     * follower's terms, because a later follower-side change of its key supersedes it (see the
     * class comment): null when it may not; otherwise what the follower's row must be for the skip
     * (the last condition, which only the follower can check). Forgets the follower changes the
     * arbiter's change shows decided.
     */
    public synchronized Expectation supersededIf(String binding, ChangeEvent change) {
        if (change.transactionId() == null) {
            return null;
        }
        Map<RowImage, Deque<Entry>> keys = byKey.get(binding);
        Deque<Entry> pending = keys == null ? null : keys.get(change.key());
        if (pending == null) {
            return null;
        }
        Entry reflected = null;
        for (Entry e : pending) {
            if (change.transactionId().equals(e.arbiterTransaction)) {
                reflected = e;
            }
        }
        if (reflected == null) {
            return null;
        }
        // The reflected change and those before it are decided: the arbiter takes a key's changes in order.
        Entry decided;
        do {
            decided = pending.peekFirst();
            remove(binding, decided);
        } while (decided != reflected);
        Entry next = pending.peekFirst();
        return next != null && startsFrom(next.before, change) ? new Expectation(pending.peekLast().after) : null;
    }

    /** How many follower changes are remembered. */
    public synchronized int size() {
        return entries;
    }

    /** True when a change starting from {@code before} starts from the row {@code change} leaves. */
    private static boolean startsFrom(RowImage before, ChangeEvent change) {
        if (change.operation() == Operation.DELETE) {
            return before == null;
        }
        RowImage after = change.after();
        return before != null && after != null && covers(before, after);
    }

    /** True when {@code row} holds every column of {@code image} with the same value. */
    private static boolean covers(RowImage row, RowImage image) {
        for (Map.Entry<String, Object> column : image.asMap().entrySet()) {
            if (!row.has(column.getKey()) || !RowImage.sameValue(row.get(column.getKey()), column.getValue())) {
                return false;
            }
        }
        return true;
    }

    private void remove(String binding, Entry e) {
        Map<RowImage, Deque<Entry>> keys = byKey.get(binding);
        Deque<Entry> pending = keys == null ? null : keys.get(e.key);
        if (pending != null && pending.remove(e)) {
            entries--;
            if (pending.isEmpty()) {
                keys.remove(e.key);
            }
        }
        Map<SourcePosition, List<Entry>> positions = byPosition.get(binding);
        List<Entry> atPosition = positions == null ? null : positions.get(e.position);
        if (atPosition != null) {
            atPosition.remove(e);
            if (atPosition.isEmpty()) {
                positions.remove(e.position);
            }
        }
    }

    private void forgetAll() {
        byKey.clear();
        byPosition.clear();
        entries = 0;
    }
}
