package dev.cutover.debezium;

import java.util.Objects;

/**
 * A snapshot of one logical replication slot as {@code pg_replication_slots} shows it.
 *
 * @param slotName the slot
 * @param plugin the output plugin, e.g. {@code pgoutput}
 * @param database the database the slot decodes
 * @param active true while a connection streams from the slot
 * @param restartLsn the oldest WAL position the server keeps for the slot; null before first use
 * @param confirmedFlushLsn the position up to which the consumer confirmed processing; null
 *     before first use
 * @param activePid the process streaming from the slot; null while none does
 */
public record SlotState(String slotName, String plugin, String database, boolean active, Lsn restartLsn,
        Lsn confirmedFlushLsn, Integer activePid) {

    public SlotState {
        Objects.requireNonNull(slotName, "slotName");
    }
}
