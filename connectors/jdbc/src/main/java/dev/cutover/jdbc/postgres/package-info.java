/**
 * PostgreSQL: the {@link dev.cutover.jdbc.SqlDialect} (pgjdbc), and the read-only probes of the
 * server's capture settings, privileges and catalog that {@code cutover check} and a capture's
 * start share (e.g. {@link dev.cutover.jdbc.postgres.ReplicaIdentity},
 * {@link dev.cutover.jdbc.postgres.ReplicationSettings}), each returning an immutable reading,
 * kept here because both the debezium connector and the command line depend on this module,
 * never the other way round.
 */
package dev.cutover.jdbc.postgres;
