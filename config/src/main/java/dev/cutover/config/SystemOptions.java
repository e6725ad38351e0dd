package dev.cutover.config;

import dev.cutover.config.internal.Redaction;
import dev.cutover.core.event.SystemSide;
import java.util.Objects;

/**
 * How to reach one system's database. Immutable and thread-safe.
 *
 * @param side which system this is
 * @param kind the database product
 * @param jdbcUrl the JDBC URL; matches {@code kind} when loaded from a file
 * @param user the database user, or null to leave it to the JDBC driver (or the URL)
 * @param password the password, or null when none is configured
 */
public record SystemOptions(SystemSide side, DatabaseKind kind, String jdbcUrl, String user, Secret password) {

    public SystemOptions {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** The JDBC URL with credentials it may carry (user info, password parameters) hidden. */
    public String redactedJdbcUrl() {
        return Redaction.jdbcUrl(jdbcUrl);
    }

    /** Never prints the password or credentials in the URL. */
    @Override
    public String toString() {
        return "SystemOptions[side=" + side.label() + ", kind=" + kind.label() + ", jdbcUrl=" + redactedJdbcUrl()
                + ", user=" + user + ", password=" + (password == null ? "none" : Secret.HIDDEN) + "]";
    }
}
