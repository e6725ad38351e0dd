package dev.cutover.debezium.internal;

import io.debezium.data.Envelope;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Struct;

/**
 * How one connector's records tell which source transaction they belong to, and whether a
 * position lies inside a transaction: what {@link EchoFilter} needs to drop a marked transaction
 * as a whole. Implementations are stateless and thread-safe.
 */
public interface TransactionScheme {

    /** PostgreSQL: {@code source.txId}; the offset carries the same id and, at a commit, {@code messageType=COMMIT}. */
    TransactionScheme POSTGRES = new TransactionScheme() {
        @Override
        public Object transactionOf(Struct envelope, Map<String, ?> offset) {
            Struct source = envelope.getStruct(Envelope.FieldName.SOURCE);
            if (source == null || source.schema().field("txId") == null) {
                return null;
            }
            return source.get("txId") instanceof Number n ? n.longValue() : null;
        }

        @Override
        public boolean resumesInside(Object transaction, Map<String, ?> offset) {
            return offset.get("txId") instanceof Number n && transaction.equals(n.longValue())
                    && !"COMMIT".equals(String.valueOf(offset.get("messageType")));
        }
    };

    /**
     * MariaDB (binlog): a row's offset names the binlog position its transaction began at
     * ({@code file}, {@code pos}) plus how many events and rows of it to skip on restart, until
     * the commit moves {@code pos} past the transaction. So the transaction is that begin position,
     * and a position resumes inside it while it still names it.
     */
    TransactionScheme BINLOG = new TransactionScheme() {
        @Override
        public Object transactionOf(Struct envelope, Map<String, ?> offset) {
            return offset == null || offset.get("file") == null || offset.get("pos") == null ? null
                    : offset.get("file") + ":" + ((Number) offset.get("pos")).longValue();
        }

        @Override
        public boolean resumesInside(Object transaction, Map<String, ?> offset) {
            return Objects.equals(transaction, transactionOf(null, offset));
        }
    };

    /**
     * The transaction a streamed change belongs to, as a value with {@code equals}; null when the
     * record does not say.
     *
     * @param envelope the record's value
     * @param offset the record's source offset; may be null
     */
    Object transactionOf(Struct envelope, Map<String, ?> offset);

    /**
     * True when a capture restarted from {@code offset} would resume inside {@code transaction}
     * after its first change, i.e. past its marker.
     *
     * @param transaction what {@link #transactionOf} returned for the transaction's marker
     * @param offset a position taken at or after the marker; not null
     */
    boolean resumesInside(Object transaction, Map<String, ?> offset);
}
