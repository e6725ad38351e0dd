package dev.cutover.debezium.internal;

import dev.cutover.jdbc.postgres.ReplicationOrigins;
import io.debezium.data.Envelope;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Struct;

/**
 * Recognises the echoes of a bridge's own applier: the row changes of every transaction whose
 * first change is a marker of this bridge in the {@link EchoMarkerTable}.
 *
 * <p>Both pgoutput and the binlog deliver the changes of a transaction together and in statement
 * order, and the applier writes its marker first, so the filter remembers the transaction (as its
 * {@link TransactionScheme} identifies it: {@code source.txId} on PostgreSQL, the binlog position
 * the transaction began at on MariaDB) of the last marker naming this bridge and takes every
 * following streamed change of that transaction for an echo. The first change of another
 * transaction ends the suppression, so it never outlives its transaction. Markers of other
 * bridges end it too and suppress nothing: their transactions are not this bridge's echoes. Rows
 * read by a load of existing rows are never echoes.
 *
 * <p>An applier may tag its sessions with the bridge's replication origins instead
 * ({@code ReplicationOrigins}, PostgreSQL): a capture that asks the server to leave such changes
 * out never sees them, but one that does not (PostgreSQL 15, or WAL written before the capture
 * started filtering) gets them with {@code source.origin} naming one of those origins, and takes
 * them for echoes too. That test needs no state.
 *
 * <p>That state lives in memory only, so a restarted capture must read a marked transaction from
 * its marker again: {@link #holdsBack(Map)} tells which positions must not be committed yet
 * because a restart from them would resume inside a marked transaction, after its marker.
 *
 * <p>State is kept across batches. Called by the engine's polling thread only; {@link #skipped()}
 * may be read from any thread.
 */
public final class EchoFilter {

    private final String bridge;
    private final Set<String> origins;
    private final TransactionScheme transactions;
    private final AtomicLong skipped = new AtomicLong();
    private Object echoTx;

    /** A filter of PostgreSQL records; {@code bridge} null when nothing is an echo. */
    public EchoFilter(String bridge) {
        this(bridge, TransactionScheme.POSTGRES);
    }

    /**
     * @param bridge the bridge whose markers announce echoes; null when nothing is an echo
     * @param transactions how the connector's records name their transaction
     */
    public EchoFilter(String bridge, TransactionScheme transactions) {
        this.bridge = bridge;
        // Only PostgreSQL changes carry an origin: a binlog record is not looked at for one.
        this.origins = bridge == null || transactions != TransactionScheme.POSTGRES ? Set.of() : Set.copyOf(ReplicationOrigins.names(bridge));
        this.transactions = transactions;
    }

    /** A filter that takes nothing for an echo. */
    public static EchoFilter off() {
        return new EchoFilter(null);
    }

    /** Takes note of a change of the marker table, whose record has {@code offset}. */
    public void onMarker(Struct envelope, Map<String, ?> offset) {
        Object tx = transactions.transactionOf(envelope, offset);
        if (bridge != null && tx != null && bridge.equals(EchoMarkerTable.bridgeOf(envelope))) {
            echoTx = tx;
        } else if (tx == null || !tx.equals(echoTx)) {
            echoTx = null;
        }
    }

    /**
     * True when a change of a captured table, whose record has {@code offset}, belongs to a
     * transaction this bridge's applier marked or was written under one of its origins; counts it
     * in {@link #skipped()}.
     */
    public boolean isEcho(Struct envelope, Map<String, ?> offset) {
        if (Envelope.Operation.READ.code().equals(envelope.getString(Envelope.FieldName.OPERATION))) {
            return false;
        }
        Object origin = origins.isEmpty() ? null : originOf(envelope);
        if (origin != null && origins.contains(origin)) {
            skipped.incrementAndGet();
            return true;
        }
        if (echoTx == null) {
            return false;
        }
        if (echoTx.equals(transactions.transactionOf(envelope, offset))) {
            skipped.incrementAndGet();
            return true;
        }
        echoTx = null;
        return false;
    }

    /**
     * True when {@code offset}, the source position of the record just given to this filter (or of
     * any record that followed it), lies inside the transaction this filter currently suppresses
     * (see {@link TransactionScheme#resumesInside}). Committing such a position would make a
     * restarted capture resume after the marker, with no way left to tell that the rest of the
     * transaction is an echo; it must stay uncommitted until a later position outside the
     * transaction is committed.
     */
    public boolean holdsBack(Map<String, ?> offset) {
        return echoTx != null && offset != null && transactions.resumesInside(echoTx, offset);
    }

    /** The replication origin a PostgreSQL change was written under; null when none or not PostgreSQL. */
    private static Object originOf(Struct envelope) {
        Struct source = envelope.getStruct(Envelope.FieldName.SOURCE);
        return source == null || source.schema().field("origin") == null ? null : source.get("origin");
    }

    /** How many changes this filter has taken for echoes since it was created. */
    public long skipped() {
        return skipped.get();
    }
}
