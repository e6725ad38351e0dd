package dev.cutover.config;

/** The database product of one system. */
public enum DatabaseKind {
    POSTGRESQL("postgresql"),
    MARIADB("mariadb"),
    MYSQL("mysql");

    private final String label;

    DatabaseKind(String label) {
        this.label = label;
    }

    /** The name used in configuration files. */
    public String label() {
        return label;
    }
}
