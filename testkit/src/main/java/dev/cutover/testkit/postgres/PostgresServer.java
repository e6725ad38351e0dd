package dev.cutover.testkit.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * The PostgreSQL server integration tests use: {@code 127.0.0.1:5432} as user {@code postgres}
 * (trust authentication), overridable by the environment variables {@code CUTOVER_TEST_PG_HOST},
 * {@code CUTOVER_TEST_PG_PORT} and {@code CUTOVER_TEST_PG_USER}. Immutable and thread-safe.
 */
final class PostgresServer {

    static final String HOST_VARIABLE = "CUTOVER_TEST_PG_HOST";
    static final String PORT_VARIABLE = "CUTOVER_TEST_PG_PORT";
    static final String USER_VARIABLE = "CUTOVER_TEST_PG_USER";
    private static final String MAINTENANCE_DATABASE = "postgres";

    private final String host;
    private final int port;
    private final String user;

    private PostgresServer(String host, int port, String user) {
        this.host = host;
        this.port = port;
        this.user = user;
    }

    static PostgresServer fromEnvironment() {
        return from(System.getenv());
    }

    static PostgresServer from(Map<String, String> environment) {
        String port = environment.getOrDefault(PORT_VARIABLE, "5432");
        try {
            return new PostgresServer(environment.getOrDefault(HOST_VARIABLE, "127.0.0.1"), Integer.parseInt(port),
                    environment.getOrDefault(USER_VARIABLE, "postgres"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_VARIABLE + " must be a port number, not '" + port + "'", e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    String user() {
        return user;
    }

    Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("ApplicationName", "cutover-testkit");
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** A connection to the maintenance database, for creating and dropping test databases. */
    Connection connectAdmin() throws SQLException {
        return connect(MAINTENANCE_DATABASE);
    }

    @Override
    public String toString() {
        return host + ":" + port + " as " + user;
    }
}
