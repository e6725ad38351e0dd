package dev.cutover.debezium.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code jdbc:mariadb://host[:port]/database} URL that Debezium takes as separate
 * properties. Query parameters are rejected rather than dropped, as for {@link PostgresJdbcUrl}:
 * Debezium's binlog client would not see them.
 *
 * @param host the host name or address (IPv6 without brackets)
 * @param port the port, 3306 when the URL names none
 * @param database the database the capture's own tables live in
 */
public record MariaDbJdbcUrl(String host, int port, String database) implements JdbcEndpoint {

    private static final int DEFAULT_PORT = 3306;
    private static final String FORM = "jdbc:mariadb://host[:port]/database";
    private static final Pattern URL = Pattern.compile(
            "jdbc:mariadb://(?:\\[(?<ipv6>[0-9A-Fa-f:.]+)]|(?<host>[^/:?\\[\\],]+))(?::(?<port>\\d{1,5}))?/(?<db>[^/?#]+)");

    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException naming what is wrong; the message repeats the URL, which
     *     must therefore not contain credentials
     */
    public static MariaDbJdbcUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("JDBC URL is missing (expected " + FORM + ")");
        }
        if (url.indexOf('?') >= 0) {
            throw new IllegalArgumentException("JDBC URL '" + url.substring(0, url.indexOf('?'))
                    + "?…' has query parameters, which the capture does not support (expected " + FORM + ")");
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + url + "' is not a JDBC URL of the form " + FORM);
        }
        String host = m.group("ipv6") != null ? m.group("ipv6") : m.group("host");
        int port = m.group("port") == null ? DEFAULT_PORT : Integer.parseInt(m.group("port"));
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("JDBC URL '" + url + "' has port " + port + " (expected 1 to 65535)");
        }
        return new MariaDbJdbcUrl(host, port, m.group("db"));
    }
}
