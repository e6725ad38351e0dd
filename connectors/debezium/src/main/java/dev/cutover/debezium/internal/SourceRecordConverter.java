package dev.cutover.debezium.internal;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SourcePosition;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.debezium.ChangeConversionException;
import dev.cutover.jdbc.postgres.ReplicaIdentity;
import io.debezium.data.Envelope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns the value of a Debezium PostgreSQL or MariaDB data change record (an envelope {@link Struct} with
 * {@code before}, {@code after}, {@code op}, {@code source}) into a canonical {@link ChangeEvent}.
 *
 * <ul>
 *   <li>origin: the side given to the constructor; table: {@code source.schema}.{@code source.table}
 *       (MariaDB: {@code source.db}.{@code source.table})</li>
 *   <li>operation: {@code op} ({@code c}, {@code u}, {@code d}, {@code r})</li>
 *   <li>key columns: those configured for the table (Debezium keys its records by the same columns)</li>
 *   <li>images: every column in table order, values converted by {@link CanonicalValues}; a column
 *       whose value Debezium did not receive (unchanged TOASTed value under REPLICA IDENTITY
 *       DEFAULT) is left out of the image, so it reads as "unknown" rather than as a value; the
 *       before image is reduced to the columns the table's {@link ReplicaIdentity} logs, so a
 *       delete under REPLICA IDENTITY DEFAULT carries the primary key only</li>
 *   <li>commit time: {@code source.ts_us}, else {@code source.ts_ms}</li>
 *   <li>position and transaction id: as the connector's {@link PositionScheme} reads them
 *       (PostgreSQL: {@code source.lsn} and {@code source.txId}; MariaDB: binlog file, position
 *       and row, and {@code source.gtid}); none for snapshot reads</li>
 * </ul>
 *
 * <p>Thread-safe: holds only immutable state.
 */
public final class SourceRecordConverter {

    /** The kind of every position this converter produces. */
    public static final String POSITION_KIND = "lsn";

    private final SystemSide origin;
    private final Map<TableId, List<String>> keyColumns;
    private final Map<TableId, ReplicaIdentity> replicaIdentities;
    private final CanonicalValues values;
    private final PositionScheme positions;

    /** A converter of PostgreSQL records; see {@link #SourceRecordConverter(SystemSide, Map, Map, CanonicalValues, PositionScheme)}. */
    public SourceRecordConverter(SystemSide origin, Map<TableId, List<String>> keyColumns,
            Map<TableId, ReplicaIdentity> replicaIdentities, CanonicalValues values) {
        this(origin, keyColumns, replicaIdentities, values, PositionScheme.POSTGRES);
    }

    /**
     * @param origin the side whose database the records come from
     * @param keyColumns the key columns of every captured table
     * @param replicaIdentities the replica identity of captured tables; a table without entry is
     *     treated as {@link ReplicaIdentity#FULL}
     * @param values the value conversion
     * @param positions how the connector's records give their position and transaction
     */
    public SourceRecordConverter(SystemSide origin, Map<TableId, List<String>> keyColumns,
            Map<TableId, ReplicaIdentity> replicaIdentities, CanonicalValues values, PositionScheme positions) {
        this.origin = origin;
        this.keyColumns = Map.copyOf(keyColumns);
        this.replicaIdentities = Map.copyOf(replicaIdentities);
        this.values = values;
        this.positions = positions;
    }

    /**
     * Converts one envelope that carries its own LSN.
     *
     * @throws ChangeConversionException naming table, column, type and position when the record
     *     is not a change of a captured table or a value cannot be converted
     */
    public ChangeEvent convert(Struct envelope) {
        return convert(envelope, (Map<String, ?>) null);
    }

    /**
     * Converts one envelope.
     *
     * @param streamLsn the LSN of the record's source offset: the position of a row read by a load,
     *     whose source block has none; null when not known
     * @throws ChangeConversionException naming table, column, type and position when the record
     *     is not a change of a captured table or a value cannot be converted
     */
    public ChangeEvent convert(Struct envelope, Long streamLsn) {
        return convert(envelope, streamLsn == null ? null : Map.of("lsn", streamLsn));
    }

    /**
     * Converts one envelope.
     *
     * @param offset the record's source offset, where a row read by a load finds the position it
     *     was delivered at; may be null
     * @throws ChangeConversionException naming table, column, type and position when the record
     *     is not a change of a captured table or a value cannot be converted
     */
    public ChangeEvent convert(Struct envelope, Map<String, ?> offset) {
        Struct source = envelope.getStruct(Envelope.FieldName.SOURCE);
        TableId table = RecordClassifier.table(envelope);
        SourcePosition position = positions.position(source, offset, table);
        List<String> keys = keyColumns.get(table);
        if (keys == null) {
            throw new ChangeConversionException(table, null, null, position, "the table is not one of the captured tables " + keyColumns.keySet(), null);
        }
        Operation operation = operation(envelope, table, position);
        RowImage before = replicaIdentities.getOrDefault(table, ReplicaIdentity.FULL)
                .trim(image(envelope, Envelope.FieldName.BEFORE, table, position));
        RowImage after = image(envelope, Envelope.FieldName.AFTER, table, position);
        Instant commitTime = commitTime(source);
        String transactionId = positions.transactionId(source);
        try {
            return switch (operation) {
                case CREATE -> ChangeEvent.create(origin, table, keys, after, commitTime, position, transactionId);
                case UPDATE -> ChangeEvent.update(origin, table, keys, before, after, commitTime, position, transactionId);
                case DELETE -> ChangeEvent.delete(origin, table, keys, before, commitTime, position, transactionId);
                case READ -> ChangeEvent.read(origin, table, keys, after, commitTime, position);
            };
        } catch (IllegalArgumentException e) {
            // Typically a key column missing from a delete's before image: the replica identity does not cover the key.
            throw new ChangeConversionException(table, null, null, position, e.getMessage()
                    + " (does the table's REPLICA IDENTITY, or its binlog row image, cover the key columns " + keys + "?)", e);
        }
    }

    private static Operation operation(Struct envelope, TableId table, SourcePosition position) {
        String code = envelope.getString(Envelope.FieldName.OPERATION);
        try {
            return Operation.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new ChangeConversionException(table, null, null, position, e.getMessage(), e);
        }
    }

    private static Instant commitTime(Struct source) {
        Long micros = source.schema().field("ts_us") == null ? null : source.getInt64("ts_us");
        if (micros != null) {
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        }
        return Instant.ofEpochMilli(source.getInt64("ts_ms"));
    }

    private RowImage image(Struct envelope, String fieldName, TableId table, SourcePosition position) {
        Struct row = envelope.getStruct(fieldName);
        if (row == null) {
            return null;
        }
        Map<String, Object> image = new LinkedHashMap<>(row.schema().fields().size() * 2);
        for (Field field : row.schema().fields()) {
            Object value;
            try {
                // getWithoutDefault: a NULL must stay NULL even when the column's schema carries a default value.
                value = values.convert(field.schema(), row.getWithoutDefault(field.name()));
            } catch (RuntimeException e) {
                String type = field.schema().name() != null ? field.schema().name() : field.schema().type().toString();
                // Only our own messages are free of values; parser messages quote the text they failed on.
                String reason = e instanceof CanonicalValues.UnsupportedValueException
                        ? e.getMessage()
                        : "the value does not fit the canonical type (" + e.getClass().getSimpleName() + ")";
                throw new ChangeConversionException(table, field.name(), type, position, reason, e);
            }
            if (value != CanonicalValues.UNAVAILABLE) {
                image.put(field.name(), value);
            }
        }
        return RowImage.of(image);
    }
}
