package dev.cutover.debezium;

import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.debezium.internal.JdbcEndpoint;
import dev.cutover.debezium.internal.MariaDbBinlogRetention;
import dev.cutover.debezium.internal.MariaDbJdbcUrl;
import dev.cutover.debezium.internal.PostgresJdbcUrl;
import dev.cutover.debezium.internal.PostgresSlotRetention;
import dev.cutover.jdbc.DatabaseSupport;
import dev.cutover.jdbc.DatabaseSupports;
import java.nio.file.Path;

/**
 * Which database family a capture reads, told by its JDBC URL: {@code jdbc:postgresql:} or
 * {@code jdbc:mariadb:}. Each kind is the capture's part of the {@link DatabaseSupport} with the
 * same {@link #family()} key, and the one place the capture chooses by family: its source, its
 * URL form and its measure of retained log. Adding a family to the capture adds a constant here.
 */
public enum CaptureKind {
    /** PostgreSQL, read through a logical replication slot with pgoutput: {@link PostgresCaptureSource}. */
    POSTGRESQL("postgresql", "jdbc:postgresql:") {
        @Override
        DebeziumCaptureSource newSource(CaptureOptions options, PipelineListener listener) {
            return new PostgresCaptureSource(options, listener);
        }

        @Override
        JdbcEndpoint endpoint(String jdbcUrl) {
            return PostgresJdbcUrl.parse(jdbcUrl);
        }

        @Override
        RetainedLogProbe retention(String slotName, Path offsetFile) {
            return new PostgresSlotRetention(slotName);
        }
    },
    /** MariaDB, read from its binary log: {@link MariaDbCaptureSource}. */
    MARIADB("mariadb", "jdbc:mariadb:") {
        @Override
        DebeziumCaptureSource newSource(CaptureOptions options, PipelineListener listener) {
            return new MariaDbCaptureSource(options, listener);
        }

        @Override
        JdbcEndpoint endpoint(String jdbcUrl) {
            return MariaDbJdbcUrl.parse(jdbcUrl);
        }

        @Override
        RetainedLogProbe retention(String slotName, Path offsetFile) {
            return new MariaDbBinlogRetention(offsetFile);
        }
    };

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

    /** The capture source of this family for {@code options}, which name a database of this kind. */
    abstract DebeziumCaptureSource newSource(CaptureOptions options, PipelineListener listener);

    /**
     * The host, port and database {@code jdbcUrl} names.
     *
     * @throws IllegalArgumentException naming what is wrong with the URL
     */
    abstract JdbcEndpoint endpoint(String jdbcUrl);

    /**
     * How much log the server keeps for a capture of this kind.
     *
     * @param slotName the capture's replication slot (PostgreSQL)
     * @param offsetFile the capture's offset file (MariaDB)
     */
    abstract RetainedLogProbe retention(String slotName, Path offsetFile);
}
