package dev.cutover.debezium.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens plain JDBC connections to PostgreSQL for the capture's housekeeping (not for streaming). */
public final class PgConnections {

    private PgConnections() {
    }

    /**
     * Opens a connection; the caller closes it.
     *
     * @param password null when the server does not ask for one
     */
    public static Connection open(String jdbcUrl, String user, String password) throws SQLException {
        PostgresJdbcUrl.parse(jdbcUrl);
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "cutover");
        return DriverManager.getConnection(jdbcUrl, props);
    }
}
