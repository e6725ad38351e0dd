package dev.cutover.debezium.internal;

import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.TableId;
import dev.cutover.debezium.BinlogPosition;
import dev.cutover.debezium.ChangeConversionException;
import dev.cutover.debezium.Lsn;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/**
 * Where one connector's change records stand in the source log, and which transaction they
 * belong to, read from a record's {@code source} block (and, where that has no position, from the
 * record's offset). Implementations are stateless and thread-safe.
 */
public interface PositionScheme {

    /**
     * PostgreSQL: {@code source.lsn} as PostgreSQL prints it, e.g. {@code 0/16B3748}; a row read by
     * a load, whose source block has no LSN, gets the LSN of its record's offset. Transaction id:
     * {@code source.txId}.
     */
    PositionScheme POSTGRES = new PositionScheme() {
        @Override
        public SourcePosition position(Struct source, Map<String, ?> offset, TableId table) {
            Long lsn = source.getInt64("lsn");
            if (lsn == null && offset != null && offset.get("lsn") instanceof Long l) {
                lsn = l;
            }
            if (lsn == null) {
                throw new ChangeConversionException(table, null, null, null, "the record carries no LSN", null);
            }
            return new SourcePosition(SourceRecordConverter.POSITION_KIND, Lsn.format(lsn));
        }

        @Override
        public String transactionId(Struct source) {
            Long txId = source.getInt64("txId");
            return txId == null ? null : txId.toString();
        }
    };

    /**
     * MariaDB: the {@link BinlogPosition} of {@code source.file}, {@code source.pos} and
     * {@code source.row} (a row read by a load carries the position streaming had reached).
     * Transaction id: {@code source.gtid}, e.g. {@code 0-1-42} (domain, server, sequence).
     */
    PositionScheme BINLOG = new PositionScheme() {
        @Override
        public SourcePosition position(Struct source, Map<String, ?> offset, TableId table) {
            String file = source.getString("file");
            Long pos = source.getInt64("pos");
            Integer row = source.getInt32("row");
            if (file == null || file.isEmpty() || pos == null) {
                throw new ChangeConversionException(table, null, null, null, "the record carries no binlog position", null);
            }
            return new SourcePosition(BinlogPosition.KIND, new BinlogPosition(file, pos, row == null ? 0 : row).toString());
        }

        @Override
        public String transactionId(Struct source) {
            return source.schema().field("gtid") == null ? null : source.getString("gtid");
        }
    };

    /**
     * The position of a change.
     *
     * @param source the record's {@code source} block
     * @param offset the record's source offset; may be null
     * @param table the change's table, for messages
     * @throws ChangeConversionException when the record carries no position
     */
    SourcePosition position(Struct source, Map<String, ?> offset, TableId table);

    /** The id of the change's source transaction; null when the record names none. */
    String transactionId(Struct source);
}
