package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import dev.cutover.debezium.SnapshotMode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which captured tables still need a load of their existing rows when a capture starts. Pure and
 * immutable.
 *
 * <p>The {@link LoadLedger} only counts while the capture's place in the log survives: when the
 * replication slot is missing (Debezium creates a new one, streaming from now) or no position is
 * stored (Debezium streams from the slot's start, without the progress of any load), every
 * captured table is loaded again. That repeats rows rather than losing them: a load that was
 * requested but not recorded in the stored position would otherwise never finish.
 *
 * @param requested the recorded tables that stay recorded: captured ones, with a valid record
 * @param pending the captured tables to request a load for, in capture order
 * @param ledgerChanged true when the ledger holds other tables than {@code requested} and must be
 *     rewritten
 */
public record LoadPlan(Set<TableId> requested, List<TableId> pending, boolean ledgerChanged) {

    public LoadPlan {
        requested = Set.copyOf(requested);
        pending = List.copyOf(pending);
    }

    /**
     * The plan for a capture starting with {@code mode} on {@code captured} tables.
     *
     * @param recorded the tables the ledger records
     * @param slotExists whether the replication slot exists before the capture starts
     * @param positionStored whether the offset file holds a stored position
     * @param inSync captured tables whose rows the other side already holds: never loaded, recorded as if they were
     */
    public static LoadPlan of(SnapshotMode mode, List<TableId> captured, Set<TableId> recorded, boolean slotExists,
            boolean positionStored, Set<TableId> inSync) {
        if (mode == SnapshotMode.NO_DATA) {
            return new LoadPlan(recorded, List.of(), false);
        }
        Set<TableId> requested = new LinkedHashSet<>();
        if (slotExists && positionStored) {
            captured.stream().filter(recorded::contains).forEach(requested::add);
        }
        captured.stream().filter(inSync::contains).forEach(requested::add);
        List<TableId> pending = captured.stream().filter(t -> !requested.contains(t)).toList();
        return new LoadPlan(requested, pending, !requested.equals(recorded));
    }
}
