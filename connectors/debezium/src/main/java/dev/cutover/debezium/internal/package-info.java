/**
 * Internals of the Debezium capture: the per-database {@link dev.cutover.debezium.internal.CaptureFlavour}s,
 * configuration translation, record classification and
 * conversion, batch dispatch, the heartbeat and signal tables, and the loads of existing rows
 * (incremental snapshots: {@link dev.cutover.debezium.internal.LoadPlan},
 * {@link dev.cutover.debezium.internal.LoadLedger}, {@link dev.cutover.debezium.internal.InitialLoads}).
 * Not an API; anything here may change without notice.
 */
package dev.cutover.debezium.internal;
