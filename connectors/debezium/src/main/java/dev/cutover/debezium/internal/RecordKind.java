package dev.cutover.debezium.internal;

import io.debezium.data.Envelope;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** What a record from the PostgreSQL connector is, judged by its value schema. */
public enum RecordKind {
    /** A row change of a captured table. */
    DATA,
    /** Debezium's periodic heartbeat; carries the current position. */
    HEARTBEAT,
    /** A row change of the heartbeat table, caused by the heartbeat action query. */
    HEARTBEAT_TABLE,
    /** A transaction BEGIN or END marker. */
    TRANSACTION,
    /** Anything else (tombstones, notifications, logical decoding messages). */
    OTHER;

    private static final String HEARTBEAT_SCHEMA = "io.debezium.connector.common.Heartbeat";
    private static final String TRANSACTION_SCHEMA = "io.debezium.connector.common.TransactionMetadataValue";

    /** Classifies {@code record}; {@code heartbeatTable} tells heartbeat-table changes apart. */
    public static RecordKind of(SourceRecord record, HeartbeatTable heartbeatTable) {
        Schema schema = record.valueSchema();
        if (record.value() == null || schema == null || schema.name() == null) {
            return OTHER;
        }
        String name = schema.name();
        if (name.endsWith(HEARTBEAT_SCHEMA)) {
            return HEARTBEAT;
        }
        if (name.equals(TRANSACTION_SCHEMA)) {
            return TRANSACTION;
        }
        if (Envelope.isEnvelopeSchema(name)) {
            Struct source = ((Struct) record.value()).getStruct(Envelope.FieldName.SOURCE);
            return heartbeatTable.is(source.getString("schema"), source.getString("table")) ? HEARTBEAT_TABLE : DATA;
        }
        return OTHER;
    }
}
