package dev.cutover.debezium.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code jdbc:postgresql://host[:port]/database} URL that Debezium takes as
 * separate properties. Query parameters are rejected rather than dropped: Debezium would not pass
 * them on, so a URL that asks for, say, {@code sslmode=require} must not silently connect without.
 *
 * @param host the host name or address (IPv6 without brackets)
 * @param port the port, 5432 when the URL names none
 * @param database the database name
 */
public record PostgresJdbcUrl(String host, int port, String database) implements JdbcEndpoint {

    private static final int DEFAULT_PORT = 5432;
    private static final Pattern URL = Pattern.compile(
            "jdbc:postgresql://(?:\\[(?<ipv6>[0-9A-Fa-f:.]+)]|(?<host>[^/:?\\[\\]]+))(?::(?<port>\\d{1,5}))?/(?<db>[^/?#]+)");

    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException naming what is wrong; the message repeats the URL, which
     *     must therefore not contain credentials
     */
    public static PostgresJdbcUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("JDBC URL is missing (expected jdbc:postgresql://host[:port]/database)");
        }
        if (url.indexOf('?') >= 0) {
            throw new IllegalArgumentException("JDBC URL '" + withoutQuery(url)
                    + "?…' has query parameters, which the capture does not support (expected jdbc:postgresql://host[:port]/database)");
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + url + "' is not a JDBC URL of the form jdbc:postgresql://host[:port]/database");
        }
        String host = m.group("ipv6") != null ? m.group("ipv6") : m.group("host");
        int port = m.group("port") == null ? DEFAULT_PORT : Integer.parseInt(m.group("port"));
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("JDBC URL '" + url + "' has port " + port + " (expected 1 to 65535)");
        }
        return new PostgresJdbcUrl(host, port, m.group("db"));
    }

    private static String withoutQuery(String url) {
        return url.substring(0, url.indexOf('?'));
    }
}
