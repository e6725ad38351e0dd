package dev.cutover.config.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that a JDBC URL fits its database kind. Stateless. */
final class JdbcUrls {

    /** The form the PostgreSQL driver and Debezium both accept: one host, a database, optional parameters. */
    static final String POSTGRESQL_FORM = "jdbc:postgresql://host[:port]/database";

    private static final Pattern POSTGRESQL = Pattern.compile(
            "jdbc:postgresql://(?:\\[[0-9A-Fa-f:.]+]|[^\\s/:?#\\[\\],@]+)(?::(\\d{1,5}))?/[^\\s/?#]+(?:\\?\\S*)?");

    private JdbcUrls() {
    }

    /** True when {@code url} is {@value #POSTGRESQL_FORM} with an optional query and a port from 1 to 65535. */
    static boolean isPostgresql(String url) {
        Matcher m = POSTGRESQL.matcher(url);
        if (!m.matches()) {
            return false;
        }
        if (m.group(1) == null) {
            return true;
        }
        int port = Integer.parseInt(m.group(1));
        return port >= 1 && port <= 65_535;
    }
}
