/** The MariaDB/MySQL {@link dev.cutover.jdbc.SqlDialect} (MariaDB Connector/J), for {@code jdbc:mariadb:} and {@code jdbc:mysql:} URLs. */
package dev.cutover.jdbc.mariadb;
