package dev.cutover.debezium;

import dev.cutover.jdbc.DatabaseSupport;
import dev.cutover.jdbc.DatabaseSupports;

/**
 * Which database family a capture reads, told by its JDBC URL: {@code jdbc:postgresql:} or
 * {@code jdbc:mariadb:}. Each kind is the capture's part of the {@link DatabaseSupport} with the
 * same {@link #family()} key.
 */
public enum CaptureKind {
    /** PostgreSQL, read through a logical replication slot with pgoutput: {@link PostgresCaptureSource}. */
    POSTGRESQL("postgresql", "jdbc:postgresql:"),
    /** MariaDB, read from its binary log: {@link MariaDbCaptureSource}. */
    MARIADB("mariadb", "jdbc:mariadb:");

    private final String family;
    private final String prefix;

    CaptureKind(String family, String prefix) {
        this.family = family;
        this.prefix = prefix;
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

    /** The key of the family's {@link DatabaseSupport}, e.g. {@code postgresql}. */
    public String family() {
        return family;
    }

    /** The family's plug-in: its dialect, name and URL form. */
    public DatabaseSupport support() {
        return DatabaseSupports.forFamily(family)
                .orElseThrow(() -> new IllegalStateException("no DatabaseSupport for family '" + family + "' on the class path"));
    }

    /** The URL form this kind expects, for messages. */
    public String urlForm() {
        return support().urlForm();
    }
}
