package dev.cutover.debezium;

import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.debezium.internal.PostgresFlavour;

/**
 * Captures the row changes of one PostgreSQL database through a logical replication slot and a
 * {@code pgoutput} publication; see {@link DebeziumCaptureSource} for the contract common to all
 * captures.
 *
 * <p><b>PostgreSQL particulars.</b> Debezium confirms committed positions to the replication slot.
 * On start the capture checks that every captured table's replica identity logs the key columns
 * for deletes (else it fails, naming the {@code ALTER TABLE} that fixes it); Debezium then creates
 * or checks the publication (filtered to the captured tables, the heartbeat table, the signal
 * table and the echo marker table) and the slot, and streams from the slot. A change of a table's
 * replica identity takes effect at the next start: until then deletes carry the before image the
 * identity read at start allows. The heartbeat's write to the heartbeat table comes back through
 * the slot, so an idle capture confirms positions and the slot does not pin WAL. The record of
 * requested loads counts only while the slot exists. The source never drops its slot or
 * publication: see {@link ReplicationSlots}.
 *
 * <p><b>Credentials.</b> The password never enters Debezium's configuration (which Debezium logs
 * unmasked at DEBUG): it is handed to the JDBC driver through an authentication plugin.
 */
public final class PostgresCaptureSource extends DebeziumCaptureSource {

    /**
     * @param options what to capture and how; a {@code jdbc:postgresql:} URL
     * @param listener told about heartbeats and echoes; {@link PipelineListener#NONE} when nobody listens
     * @throws IllegalArgumentException when the options name another kind of database
     */
    public PostgresCaptureSource(CaptureOptions options, PipelineListener listener) {
        super(options, listener, CaptureKind.POSTGRESQL, new PostgresFlavour());
    }
}
