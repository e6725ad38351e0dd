package dev.cutover.jdbc;

/**
 * What Cutover knows about one database family, as one plug-in: its name and URL form for
 * messages, its {@link SqlDialect} and its {@link KeyGenerators}. The family's read-only probes (capture settings, privileges,
 * catalog) sit next to its implementation (e.g. {@code dev.cutover.jdbc.postgres.ReplicaIdentity}),
 * and the capture connector and the command line's checks contribute their own per-family parts
 * found by the same {@link #family()} key. Adding a
 * family means adding an implementation and listing it in
 * {@code META-INF/services/dev.cutover.jdbc.DatabaseSupport}; {@link DatabaseSupports} finds it.
 *
 * <p>Implementations are stateless, immutable and thread-safe, with a public no-argument
 * constructor for {@link java.util.ServiceLoader}.
 */
public interface DatabaseSupport {

    /** The family's key, lower case, as the configuration's {@code kind} names it, e.g. {@code postgresql}. */
    String family();

    /** The family's name for messages, e.g. {@code PostgreSQL}. */
    String displayName();

    /** The JDBC URL form the family expects, for messages, e.g. {@code jdbc:postgresql://host[:port]/database}. */
    String urlForm();

    /** The family's SQL dialect; the same instance on every call. */
    SqlDialect dialect();

    /** The family's key generators (sequences, identity columns, auto-increment counters); the same instance on every call. */
    KeyGenerators keyGenerators();
}
