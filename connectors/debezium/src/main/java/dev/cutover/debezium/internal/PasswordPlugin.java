package dev.cutover.debezium.internal;

import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.postgresql.plugin.AuthenticationPlugin;
import org.postgresql.plugin.AuthenticationRequestType;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * Hands a capture's password to the PostgreSQL JDBC driver without putting it into Debezium's
 * configuration.
 *
 * <p>Debezium logs its task configuration unmasked when its engine logs at DEBUG. So instead of
 * {@code database.password} the capture registers the password here under a random token and
 * gives Debezium only {@code database.authenticationPluginClassName} (this class) and
 * {@code database.}{@value #TOKEN_PROPERTY}; Debezium passes both to the driver, which creates
 * this plugin with the connection properties and asks it for the password when the server
 * requests one. The token is worthless outside this JVM, and is removed when the capture stops.
 *
 * <p>Thread-safe.
 */
public final class PasswordPlugin implements AuthenticationPlugin {

    /** The connection property that names the registered password. */
    public static final String TOKEN_PROPERTY = "cutoverPasswordToken";

    private static final ConcurrentMap<String, char[]> PASSWORDS = new ConcurrentHashMap<>();

    private final String token;

    /** Called by the driver with the connection's properties. */
    public PasswordPlugin(Properties connectionProperties) {
        this.token = connectionProperties.getProperty(TOKEN_PROPERTY);
    }

    /** Registers {@code password} and returns the token that names it. */
    public static String register(String password) {
        String token = UUID.randomUUID().toString();
        PASSWORDS.put(token, password.toCharArray());
        return token;
    }

    /** Forgets the password registered under {@code token}; idempotent. */
    public static void unregister(String token) {
        char[] password = PASSWORDS.remove(token);
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    /** A copy each time: the driver wipes the array after use. */
    @Override
    public char[] getPassword(AuthenticationRequestType type) throws PSQLException {
        char[] password = token == null ? null : PASSWORDS.get(token);
        if (password == null) {
            throw new PSQLException("no password is registered for this capture connection (was the capture stopped?)",
                    PSQLState.CONNECTION_REJECTED);
        }
        return password.clone();
    }
}
