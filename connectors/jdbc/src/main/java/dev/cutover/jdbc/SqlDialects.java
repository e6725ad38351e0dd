package dev.cutover.jdbc;

import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Finds the {@link SqlDialect} for a JDBC URL among the dialects on the class path
 * ({@link ServiceLoader}, service {@code dev.cutover.jdbc.SqlDialect}).
 *
 * <p>Thread-safe: the dialects are loaded once, on first use, by the class loader of this class.
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
        for (SqlDialect dialect : Loaded.DIALECTS) {
            if (dialect.accepts(jdbcUrl)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("no SQL dialect for JDBC URL '" + scheme(jdbcUrl) + "...' (supported URL prefixes: "
                + String.join(", ", supportedPrefixes()) + ")");
    }

    /** Every URL prefix some dialect on the class path serves, sorted. */
    public static List<String> supportedPrefixes() {
        TreeSet<String> prefixes = new TreeSet<>();
        Loaded.DIALECTS.forEach(d -> prefixes.addAll(d.urlPrefixes()));
        return List.copyOf(prefixes);
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

    /** Holder idiom: loads the dialects on first use, once. */
    private static final class Loaded {
        static final List<SqlDialect> DIALECTS = ServiceLoader.load(SqlDialect.class, SqlDialects.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
    }
}
