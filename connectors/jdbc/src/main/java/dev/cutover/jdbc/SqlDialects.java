package dev.cutover.jdbc;

import java.util.List;
import java.util.Objects;

/**
 * Finds the {@link SqlDialect} for a JDBC URL: the dialect of the {@link DatabaseSupport} that
 * serves it ({@link DatabaseSupports}).
 *
 * <p>Thread-safe.
 */
public final class SqlDialects {

    private SqlDialects() {
    }

    /**
     * The dialect serving {@code jdbcUrl}.
     *
     * @throws IllegalArgumentException when no dialect serves it; the message names the URL's
     *     scheme (never the rest of the URL, which may hold credentials) and every supported prefix
     */
    public static SqlDialect forJdbcUrl(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return DatabaseSupports.forJdbcUrl(jdbcUrl).map(DatabaseSupport::dialect).orElseThrow(() -> new IllegalArgumentException(
                "no SQL dialect for JDBC URL '" + scheme(jdbcUrl) + "...' (supported URL prefixes: "
                        + String.join(", ", supportedPrefixes()) + ")"));
    }

    /** Every URL prefix some dialect on the class path serves, sorted. */
    public static List<String> supportedPrefixes() {
        return DatabaseSupports.supportedPrefixes();
    }

    /** {@code jdbc:<subprotocol>:}, or the first few characters when the URL has no such shape. */
    static String scheme(String jdbcUrl) {
        int first = jdbcUrl.indexOf(':');
        int second = first < 0 ? -1 : jdbcUrl.indexOf(':', first + 1);
        if (second > 0 && second < 32) {
            return jdbcUrl.substring(0, second + 1);
        }
        return jdbcUrl.substring(0, Math.min(jdbcUrl.length(), 12));
    }
}
