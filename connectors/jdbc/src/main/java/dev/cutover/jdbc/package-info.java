/**
 * Reading and writing rows of relational databases over JDBC: {@link dev.cutover.jdbc.JdbcApplier}
 * (the {@link dev.cutover.core.pipeline.spi.ChangeApplier} for databases),
 * {@link dev.cutover.jdbc.JdbcSchemaReader}, {@link dev.cutover.jdbc.JdbcRowReader}, and the
 * {@link dev.cutover.jdbc.SqlDialect} SPI with one implementation per database, found through
 * {@link java.util.ServiceLoader}. Helpers live in {@code dev.cutover.jdbc.internal} and are not API.
 */
package dev.cutover.jdbc;
