package dev.cutover.core.conflict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The conflict log folded into what it says now: the latest record of each conflict, the changes
 * held behind each, and each conflict's resolution. An in-memory index, fed the entries a
 * {@link ConflictSink} stored (in their stored order) and then each new entry as it is stored.
 *
 * <p>The log may repeat entries (a batch retried after its entries were stored stores them again),
 * so the fold keeps the last of each: the latest {@link ConflictRecord} per id, the latest
 * {@link HeldChange} per conflict and sequence, the latest {@link ConflictResolved} per conflict. A
 * resolution is final: a conflict with one is no longer open, whatever record of it comes later.
 * Entries of a conflict whose record is missing are kept and answered for all the same.
 *
 * <p>Thread-safe: every method is synchronized and returns immutable snapshots.
 */
public final class ConflictLog {

    /** Newest detection first; of two detected at the same instant, the one added last. */
    private static final Comparator<Indexed> NEWEST_FIRST = Comparator.<Indexed, Instant>comparing(
            i -> i.record.detectedAt()).thenComparingLong(i -> i.added).reversed();

    private final Map<String, Indexed> records = new HashMap<>();
    private final Map<String, TreeMap<Integer, HeldChange>> held = new HashMap<>();
    private final Map<String, ConflictResolved> resolutions = new HashMap<>();
    private long added;

    /** An empty log. */
    public ConflictLog() {
    }

    /** A log holding {@code entries}, added in order. */
    public static ConflictLog of(Collection<? extends ConflictLogEntry> entries) {
        ConflictLog log = new ConflictLog();
        entries.forEach(log::add);
        return log;
    }

    /** Adds one entry, after all added before it. */
    public synchronized void add(ConflictLogEntry entry) {
        if (entry instanceof ConflictRecord r) {
            records.put(r.id(), new Indexed(r, ++added));
        } else if (entry instanceof HeldChange h) {
            held.computeIfAbsent(h.conflictId(), id -> new TreeMap<>()).put(h.sequence(), h);
        } else if (entry instanceof ConflictResolved c) {
            resolutions.put(c.conflictId(), c);
        } else {
            throw new IllegalArgumentException("unknown conflict log entry " + entry);
        }
    }

    /** The latest record of every conflict, newest detection first. */
    public synchronized List<ConflictRecord> all() {
        return sorted(records.values());
    }

    /** The latest record of conflict {@code id}, if the log has one. */
    public synchronized Optional<ConflictRecord> get(String id) {
        Indexed i = records.get(id);
        return i == null ? Optional.empty() : Optional.of(i.record);
    }

    /** The conflicts that wait for a person: parked and not resolved, newest detection first. */
    public synchronized List<ConflictRecord> open() {
        List<Indexed> open = new ArrayList<>();
        for (Indexed i : records.values()) {
            if (i.record.parked() && !resolutions.containsKey(i.record.id())) {
                open.add(i);
            }
        }
        return sorted(open);
    }

    /** The changes held behind conflict {@code id}, in sequence order, one per sequence; empty when none. */
    public synchronized List<HeldChange> held(String id) {
        TreeMap<Integer, HeldChange> h = held.get(id);
        return h == null ? List.of() : List.copyOf(h.values());
    }

    /** The resolution of conflict {@code id}, if it was resolved. */
    public synchronized Optional<ConflictResolved> resolution(String id) {
        return Optional.ofNullable(resolutions.get(id));
    }

    private static List<ConflictRecord> sorted(Collection<Indexed> indexed) {
        return indexed.stream().sorted(NEWEST_FIRST).map(i -> i.record).toList();
    }

    /** A record with the order it was added in, to break ties between equal detection times. */
    private record Indexed(ConflictRecord record, long added) {
    }
}
