/**
 * Reading and writing rows of relational databases over JDBC: {@link dev.cutover.jdbc.JdbcApplier}
 * (the {@link dev.cutover.core.pipeline.spi.ChangeApplier} for databases),
 * {@link dev.cutover.jdbc.JdbcSchemaReader}, {@link dev.cutover.jdbc.JdbcRowReader}, and the
 * {@link dev.cutover.jdbc.DatabaseSupport} SPI: one plug-in per database family (package
 * {@code postgres}, {@code mariadb}), found through {@link java.util.ServiceLoader}, providing its
 * {@link dev.cutover.jdbc.SqlDialect} and next to it the readings of its capture settings. The SPI
 * lives here, not in the capture connector or the service, because both of those depend on this
 * module (and the configuration on none of them), so every family is reachable from both
 * {@code cutover check} and a capture's start with the arrows one-way. Helpers live in
 * {@code dev.cutover.jdbc.internal} and are not API.
 */
package dev.cutover.jdbc;
