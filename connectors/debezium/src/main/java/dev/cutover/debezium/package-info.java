/**
 * Change capture from PostgreSQL and MariaDB with Debezium's embedded engine.
 *
 * <p>{@link dev.cutover.debezium.DebeziumCaptureSource} implements the core
 * {@link dev.cutover.core.pipeline.spi.ChangeSource}: configured by
 * {@link dev.cutover.debezium.CaptureOptions}, whose JDBC URL picks the database
 * ({@link dev.cutover.debezium.DebeziumCaptureSource#create}), it reads a logical replication slot
 * through a {@code pgoutput} publication ({@link dev.cutover.debezium.PostgresCaptureSource}) or
 * the binary log ({@link dev.cutover.debezium.MariaDbCaptureSource}) and hands canonical change
 * events to a batch handler, committing its position only past batches the handler acknowledged. Existing rows are loaded by Debezium's
 * incremental snapshots, interleaved with streaming and resumable across crashes (see
 * {@link dev.cutover.debezium.SnapshotMode}). {@link dev.cutover.debezium.ReplicationSlots}
 * inspects and removes the slots and publications a capture leaves behind.
 */
package dev.cutover.debezium;
