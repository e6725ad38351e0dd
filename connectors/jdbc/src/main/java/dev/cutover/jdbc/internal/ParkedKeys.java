package dev.cutover.jdbc.internal;

import dev.cutover.core.conflict.ConflictCheck;
import dev.cutover.core.conflict.ConflictLogEntry;
import dev.cutover.core.conflict.ConflictRecord;
import dev.cutover.core.conflict.ConflictResolved;
import dev.cutover.core.conflict.HeldChange;
import dev.cutover.core.conflict.ParkedKey;
import dev.cutover.core.event.TableId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of an applier whose conflict waits for a person, with the changes held behind each.
 *
 * <p>Kept in memory and rebuilt from the conflict log at start ({@link #restore}). Callers hand
 * copies to conflict checks ({@link #copyOf}), which add held changes to them, and store the
 * result ({@link #update}) only once the transaction that logged those changes has committed, so
 * a rolled-back attempt leaves no trace. Not thread-safe; the applier serializes access.
 */
public final class ParkedKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ParkedKeys.class);

    private final Map<RowRef, ParkedKey> byKey = new LinkedHashMap<>();

    /** A copy of the parked conflict of {@code ref} that a check may change, or null when the key is free. */
    public ParkedKey copyOf(RowRef ref) {
        ParkedKey parked = byKey.get(ref);
        if (parked == null) {
            return null;
        }
        ParkedKey copy = new ParkedKey(parked.conflict());
        parked.held().forEach(copy::restore);
        return copy;
    }

    /** The key whose open parked conflict has {@code conflictId}, or null. */
    public RowRef find(String conflictId) {
        for (Map.Entry<RowRef, ParkedKey> entry : byKey.entrySet()) {
            if (entry.getValue().conflict().id().equals(conflictId)) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** Takes the state of committed checks: a key mapped to null is free again. */
    public void update(Map<RowRef, ParkedKey> after) {
        after.forEach((ref, parked) -> {
            if (parked == null) {
                byKey.remove(ref);
            } else {
                byKey.put(ref, parked);
            }
        });
    }

    /** The open parked conflicts, oldest first. */
    public List<ConflictRecord> open() {
        return byKey.values().stream().map(ParkedKey::conflict).toList();
    }

    /**
     * Replaces the state by the one {@code log} leaves: the parked conflicts of {@code checks}
     * (same table, binding and target side) without a later resolution, each with its held changes
     * in sequence. A conflict logged again after its resolution (its change was delivered again
     * and met the conflict again) is open again, as it was for the applier that logged it.
     *
     * @return how many parked conflicts are open
     */
    public int restore(List<ConflictLogEntry> log, Map<TableId, ConflictCheck> checks, Map<TableId, TableTarget> targets) {
        record Open(ConflictRecord record, List<HeldChange> held) {
        }
        Map<String, Open> open = new LinkedHashMap<>();
        for (ConflictLogEntry entry : log) {
            if (entry instanceof ConflictRecord record) {
                if (record.parked() && serves(checks, record)) {
                    open.putIfAbsent(record.id(), new Open(record, new ArrayList<>()));
                }
            } else if (entry instanceof HeldChange held) {
                Open waiting = open.get(held.conflictId());
                if (waiting != null) {
                    waiting.held().add(held);
                }
            } else if (entry instanceof ConflictResolved resolved) {
                open.remove(resolved.conflictId());
            }
        }
        byKey.clear();
        for (Open waiting : open.values()) {
            ConflictRecord record = waiting.record();
            TableId table = record.conflict().change().table();
            RowRef ref = RowRef.of(targets.get(table), record.conflict().change());
            ParkedKey parked = new ParkedKey(record);
            waiting.held().stream().sorted(Comparator.comparingInt(HeldChange::sequence)).forEach(parked::restore);
            ParkedKey first = byKey.putIfAbsent(ref, parked);
            if (first != null) {
                LOG.warn("conflict log holds two open parked conflicts of table {} key {}: {} and the later {}; only {} is"
                        + " restored", table, ref.key(), first.conflict().id(), record.id(), first.conflict().id());
            }
        }
        return byKey.size();
    }

    private static boolean serves(Map<TableId, ConflictCheck> checks, ConflictRecord record) {
        ConflictCheck check = checks.get(record.conflict().change().table());
        return check != null && check.binding().equals(record.conflict().binding()) && check.target() == record.conflict().target();
    }
}
