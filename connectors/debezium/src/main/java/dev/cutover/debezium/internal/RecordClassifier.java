package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import io.debezium.data.Envelope;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Tells the records of the PostgreSQL and MariaDB connectors apart by their value schema and, for row changes,
 * by their source table. Immutable and thread-safe.
 */
public final class RecordClassifier {

    private static final String HEARTBEAT_SCHEMA = "io.debezium.connector.common.Heartbeat";
    private static final String TRANSACTION_SCHEMA = "io.debezium.connector.common.TransactionMetadataValue";
    private static final String NOTIFICATION_SCHEMA = "io.debezium.connector.common.Notification";

    private final HeartbeatTable heartbeatTable;
    private final SignalTable signalTable;
    private final EchoMarkerTable echoMarkerTable;
    private final Set<TableId> captured;

    /** A classifier for a capture without echo suppression. */
    public RecordClassifier(HeartbeatTable heartbeatTable, SignalTable signalTable, Set<TableId> captured) {
        this(heartbeatTable, signalTable, null, captured);
    }

    /** @param echoMarkerTable the marker table of echo suppression; null when echoes are not suppressed */
    public RecordClassifier(HeartbeatTable heartbeatTable, SignalTable signalTable, EchoMarkerTable echoMarkerTable, Set<TableId> captured) {
        this.heartbeatTable = heartbeatTable;
        this.signalTable = signalTable;
        this.echoMarkerTable = echoMarkerTable;
        this.captured = Set.copyOf(captured);
    }

    /** What {@code record} is. */
    public RecordKind classify(SourceRecord record) {
        Schema schema = record.valueSchema();
        if (record.value() == null || schema == null || schema.name() == null) {
            return RecordKind.OTHER;
        }
        String name = schema.name();
        if (name.endsWith(HEARTBEAT_SCHEMA)) {
            return RecordKind.HEARTBEAT;
        }
        if (name.equals(TRANSACTION_SCHEMA)) {
            return RecordKind.TRANSACTION;
        }
        if (name.endsWith(NOTIFICATION_SCHEMA)) {
            return RecordKind.NOTIFICATION;
        }
        return Envelope.isEnvelopeSchema(name) ? classifyChange((Struct) record.value()) : RecordKind.OTHER;
    }

    /**
     * The source table of a row change record's value: {@code source.schema} and
     * {@code source.table}; the binlog connectors have no schema and name the database in
     * {@code source.db}.
     */
    public static TableId table(Struct envelope) {
        Struct source = envelope.getStruct(Envelope.FieldName.SOURCE);
        String schema = source.schema().field("schema") != null ? source.getString("schema") : source.getString("db");
        return new TableId(schema, source.getString("table"));
    }

    private RecordKind classifyChange(Struct envelope) {
        TableId table = table(envelope);
        if (heartbeatTable.is(table.schema(), table.table())) {
            return RecordKind.HEARTBEAT_TABLE;
        }
        if (signalTable.is(table.schema(), table.table())) {
            return RecordKind.SIGNAL_TABLE;
        }
        if (echoMarkerTable != null && echoMarkerTable.is(table.schema(), table.table())) {
            return RecordKind.ECHO_MARKER;
        }
        boolean read = Envelope.Operation.READ.code().equals(envelope.getString(Envelope.FieldName.OPERATION));
        // Only a load can deliver rows of a table outside the publication; a streamed one is a misconfiguration and fails conversion.
        return read && !captured.contains(table) ? RecordKind.UNCAPTURED_READ : RecordKind.DATA;
    }
}
