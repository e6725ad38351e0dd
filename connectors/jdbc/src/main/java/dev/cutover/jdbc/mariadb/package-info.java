/**
 * MariaDB: the {@link dev.cutover.jdbc.SqlDialect} (MariaDB Connector/J), for {@code jdbc:mariadb:}
 * and {@code jdbc:mysql:} URLs, and the reading of the server's binlog settings that
 * {@code cutover check} and a capture's start share ({@link dev.cutover.jdbc.mariadb.BinlogSettings}),
 * and the table columns a capture's start reads ({@link dev.cutover.jdbc.mariadb.TableColumns}),
 * kept here because both the debezium connector and the service depend on this module, never the
 * other way round.
 */
package dev.cutover.jdbc.mariadb;
