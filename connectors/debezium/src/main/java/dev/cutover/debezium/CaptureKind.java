package dev.cutover.debezium;

/**
 * Which database family a capture reads, told by its JDBC URL: {@code jdbc:postgresql:} or
 * {@code jdbc:mariadb:}.
 */
public enum CaptureKind {
    /** PostgreSQL, read through a logical replication slot with pgoutput: {@link PostgresCaptureSource}. */
    POSTGRESQL("jdbc:postgresql:", "jdbc:postgresql://host[:port]/database"),
    /** MariaDB, read from its binary log: {@link MariaDbCaptureSource}. */
    MARIADB("jdbc:mariadb:", "jdbc:mariadb://host[:port]/database");

    private final String prefix;
    private final String form;

    CaptureKind(String prefix, String form) {
        this.prefix = prefix;
        this.form = form;
    }

    /** The kind of database {@code jdbcUrl} names; null when it names none a capture supports. */
    public static CaptureKind ofJdbcUrl(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        for (CaptureKind kind : values()) {
            if (jdbcUrl.startsWith(kind.prefix)) {
                return kind;
            }
        }
        return null;
    }

    /** The URL form this kind expects, for messages. */
    public String urlForm() {
        return form;
    }
}
