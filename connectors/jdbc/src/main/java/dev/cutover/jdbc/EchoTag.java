package dev.cutover.jdbc;

/**
 * How a {@link JdbcApplier} lets the capture of the database it writes tell its writes (echoes,
 * in two-way sync) from the application's: a marker row in every transaction, or a replication
 * origin on every session.
 */
public sealed interface EchoTag permits ApplyMarker, ApplyOrigin {
}
