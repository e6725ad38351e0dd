package dev.cutover.debezium.internal;

import io.debezium.data.Envelope;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Struct;

/**
 * Recognises the echoes of a bridge's own applier: the row changes of every transaction whose
 * first change is a marker of this bridge in the {@link EchoMarkerTable}.
 *
 * <p>pgoutput delivers the changes of a transaction together and in statement order, and the
 * applier writes its marker first, so the filter remembers the transaction id ({@code source.txId})
 * of the last marker naming this bridge and takes every following streamed change of that
 * transaction for an echo. The first change of another transaction ends the suppression, so it
 * never outlives its transaction (not even across a wrap-around of transaction ids). Markers of
 * other bridges end it too and suppress nothing: their transactions are not this bridge's echoes.
 * Rows read by a load of existing rows are never echoes.
 *
 * <p>That state lives in memory only, so a restarted capture must read a marked transaction from
 * its marker again: {@link #holdsBack(Map)} tells which positions must not be committed yet
 * because a restart from them would resume inside a marked transaction, after its marker.
 *
 * <p>State is kept across batches. Called by the engine's polling thread only; {@link #skipped()}
 * may be read from any thread.
 */
public final class EchoFilter {

    private static final String TX_ID = "txId";
    /** The source offset's type of the last message read: {@value #COMMIT} once a transaction was read completely. */
    private static final String MESSAGE_TYPE = "messageType";
    private static final String COMMIT = "COMMIT";

    private final String bridge;
    private final AtomicLong skipped = new AtomicLong();
    private Long echoTx;

    /** @param bridge the bridge whose markers announce echoes; null when nothing is an echo */
    public EchoFilter(String bridge) {
        this.bridge = bridge;
    }

    /** A filter that takes nothing for an echo. */
    public static EchoFilter off() {
        return new EchoFilter(null);
    }

    /** Takes note of a change of the marker table. */
    public void onMarker(Struct envelope) {
        Long tx = txId(envelope);
        if (bridge != null && tx != null && bridge.equals(EchoMarkerTable.bridgeOf(envelope))) {
            echoTx = tx;
        } else if (tx == null || !tx.equals(echoTx)) {
            echoTx = null;
        }
    }

    /**
     * True when a change of a captured table belongs to a transaction this bridge's applier
     * marked; counts it in {@link #skipped()}.
     */
    public boolean isEcho(Struct envelope) {
        if (echoTx == null || Envelope.Operation.READ.code().equals(envelope.getString(Envelope.FieldName.OPERATION))) {
            return false;
        }
        if (echoTx.equals(txId(envelope))) {
            skipped.incrementAndGet();
            return true;
        }
        echoTx = null;
        return false;
    }

    /**
     * True when {@code offset}, the source position of the record just given to this filter (or of
     * any record that followed it), lies inside the transaction this filter currently suppresses:
     * its {@code txId} is that transaction's and it was not taken at the transaction's commit.
     * Committing such a position would make a restarted capture resume after the marker, with no
     * way left to tell that the rest of the transaction is an echo; it must stay uncommitted until
     * a later position outside the transaction is committed. Positions without a {@code txId} (no
     * streamed transaction read yet) are never held back.
     */
    public boolean holdsBack(Map<String, ?> offset) {
        if (echoTx == null || offset == null) {
            return false;
        }
        Object tx = offset.get(TX_ID);
        return tx instanceof Number n && echoTx == n.longValue() && !COMMIT.equals(String.valueOf(offset.get(MESSAGE_TYPE)));
    }

    /** How many changes this filter has taken for echoes since it was created. */
    public long skipped() {
        return skipped.get();
    }

    private static Long txId(Struct envelope) {
        Struct source = envelope.getStruct(Envelope.FieldName.SOURCE);
        if (source == null || source.schema().field(TX_ID) == null) {
            return null;
        }
        Object tx = source.get(TX_ID);
        return tx instanceof Number n ? n.longValue() : null;
    }
}
