package dev.cutover.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Opens connections to one database: a JDBC URL, a user and a password, plus the driver
 * properties of the URL's {@link SqlDialect} (for PostgreSQL {@code reWriteBatchedInserts=true}).
 *
 * <p>The password is kept as a private copy and never appears in {@link #toString()}, in logs or
 * in exception messages; descriptions show the URL without its query part, where drivers accept
 * credentials too.
 *
 * <p>Thread-safe and immutable: every call to {@link #open()} opens a new connection, which the
 * caller owns and closes.
 */
public final class JdbcConnectionFactory {

    private final String jdbcUrl;
    private final String user;
    private final char[] password;
    private final SqlDialect dialect;

    private JdbcConnectionFactory(String jdbcUrl, String user, char[] password) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = Objects.requireNonNull(user, "user");
        this.password = password == null ? null : password.clone();
        this.dialect = SqlDialects.forJdbcUrl(jdbcUrl);
    }

    /**
     * @param jdbcUrl the database's JDBC URL
     * @param user the user to connect as
     * @param password the password, copied; null when the database needs none
     * @throws IllegalArgumentException when no {@link SqlDialect} serves the URL
     */
    public static JdbcConnectionFactory of(String jdbcUrl, String user, char[] password) {
        return new JdbcConnectionFactory(jdbcUrl, user, password);
    }

    /** As {@link #of(String, String, char[])}; {@code password} may be null. */
    public static JdbcConnectionFactory of(String jdbcUrl, String user, String password) {
        return new JdbcConnectionFactory(jdbcUrl, user, password == null ? null : password.toCharArray());
    }

    /** The dialect of this database. */
    public SqlDialect dialect() {
        return dialect;
    }

    /** The user connections are opened as. */
    public String user() {
        return user;
    }

    /** The URL without its query part, for messages: {@code jdbc:postgresql://host:5432/db}. */
    public String describeUrl() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    /**
     * Opens a new connection in the driver's default state (auto-commit on).
     *
     * @throws SQLException when the database cannot be reached or refuses the login; its message
     *     names the URL without query and the user, never the password
     */
    public Connection open() throws SQLException {
        Properties properties = new Properties();
        dialect.connectionProperties().forEach(properties::setProperty);
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", new String(password));
        }
        try {
            return DriverManager.getConnection(dialect.driverUrl(jdbcUrl), properties);
        } catch (SQLException e) {
            throw withoutUrl(e);
        }
    }

    /** DriverManager's own messages quote the full URL, query included: rewrite those, keep driver messages. */
    private SQLException withoutUrl(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (!message.contains(jdbcUrl)) {
            return new SQLException("cannot connect to " + this + ": " + message, e.getSQLState(), e.getErrorCode(), e);
        }
        SQLException safe = new SQLException("cannot connect to " + this + ": " + message.replace(jdbcUrl, describeUrl()),
                e.getSQLState(), e.getErrorCode());
        safe.setStackTrace(e.getStackTrace());
        return safe;
    }

    @Override
    public String toString() {
        return describeUrl() + " as " + user;
    }
}
