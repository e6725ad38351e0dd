package dev.cutover.config.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that a JDBC URL fits its database kind. Stateless. */
final class JdbcUrls {

    /** The form the PostgreSQL driver and Debezium both accept: one host, a database, optional parameters. */
    static final String POSTGRESQL_FORM = "jdbc:postgresql://host[:port]/database";

    /** The form the MariaDB driver and Debezium's MariaDB connector both accept: one host and a database, no parameters. */
    static final String MARIADB_FORM = "jdbc:mariadb://host[:port]/database";

    private static final Pattern POSTGRESQL = Pattern.compile(
            "jdbc:postgresql://(?:\\[[0-9A-Fa-f:.]+]|[^\\s/:?#\\[\\],@]+)(?::(\\d{1,5}))?/[^\\s/?#]+(?:\\?\\S*)?");
    private static final Pattern MARIADB = Pattern.compile(
            "jdbc:mariadb://(?:\\[[0-9A-Fa-f:.]+]|[^\\s/:?#\\[\\],@]+)(?::(\\d{1,5}))?/[^\\s/?#]+");

    private JdbcUrls() {
    }

    /** True when {@code url} is {@value #POSTGRESQL_FORM} with an optional query and a port from 1 to 65535. */
    static boolean isPostgresql(String url) {
        return fits(POSTGRESQL, url);
    }

    /** True when {@code url} is {@value #MARIADB_FORM} with a port from 1 to 65535. */
    static boolean isMariadb(String url) {
        return fits(MARIADB, url);
    }

    private static boolean fits(Pattern form, String url) {
        Matcher m = form.matcher(url);
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
