package dev.cutover.debezium.internal;

/** The host, port and database of a JDBC URL, which Debezium takes as separate properties. */
public interface JdbcEndpoint {

    /** The host name or address (IPv6 without brackets). */
    String host();

    /** The port. */
    int port();

    /** The database name. */
    String database();
}
