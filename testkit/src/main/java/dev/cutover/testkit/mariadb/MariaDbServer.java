package dev.cutover.testkit.mariadb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * The MariaDB server integration tests use: {@code 127.0.0.1:3306} as {@code root} with an empty
 * password, overridable by the environment variables {@code CUTOVER_TEST_MARIADB_HOST},
 * {@code CUTOVER_TEST_MARIADB_PORT}, {@code CUTOVER_TEST_MARIADB_USER} and
 * {@code CUTOVER_TEST_MARIADB_PASSWORD}. Immutable and thread-safe.
 */
final class MariaDbServer {

    static final String HOST_VARIABLE = "CUTOVER_TEST_MARIADB_HOST";
    static final String PORT_VARIABLE = "CUTOVER_TEST_MARIADB_PORT";
    static final String USER_VARIABLE = "CUTOVER_TEST_MARIADB_USER";
    static final String PASSWORD_VARIABLE = "CUTOVER_TEST_MARIADB_PASSWORD";

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private MariaDbServer(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** A server reached as {@code root} without a password, such as one a test started for itself. */
    static MariaDbServer rootAt(String host, int port) {
        return new MariaDbServer(host, port, "root", "");
    }

    static MariaDbServer fromEnvironment() {
        return from(System.getenv());
    }

    static MariaDbServer from(Map<String, String> environment) {
        String port = environment.getOrDefault(PORT_VARIABLE, "3306");
        try {
            return new MariaDbServer(environment.getOrDefault(HOST_VARIABLE, "127.0.0.1"), Integer.parseInt(port),
                    environment.getOrDefault(USER_VARIABLE, "root"), environment.getOrDefault(PASSWORD_VARIABLE, ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_VARIABLE + " must be a port number, not '" + port + "'", e);
        }
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** {@code jdbc:mariadb://host:port/<database>}, or the server without a default database when {@code database} is empty. */
    String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host + ":" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** A connection without a default database, for creating and dropping test databases. */
    Connection connectAdmin() throws SQLException {
        return connect("");
    }

    @Override
    public String toString() {
        return host + ":" + port + " as " + user;
    }
}
