/**
 * PostgreSQL: the {@link dev.cutover.jdbc.SqlDialect} (pgjdbc), and the readings of the server's
 * capture settings that {@code cutover check} and a capture's start share
 * ({@link dev.cutover.jdbc.postgres.ReplicaIdentity}), kept here because both the debezium
 * connector and the service depend on this module, never the other way round.
 */
package dev.cutover.jdbc.postgres;
