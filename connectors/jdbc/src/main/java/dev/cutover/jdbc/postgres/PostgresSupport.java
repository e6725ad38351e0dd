package dev.cutover.jdbc.postgres;

import dev.cutover.jdbc.DatabaseSupport;
import dev.cutover.jdbc.KeyGenerators;
import dev.cutover.jdbc.SqlDialect;

/**
 * PostgreSQL as a {@link DatabaseSupport}: pgjdbc's dialect and the sequences behind keys ({@link PostgresKeyGenerators}). The server's capture settings are read
 * by the probes of this package ({@link ReplicaIdentity}, {@link ReplicationSettings}, {@link CurrentUser},
 * {@link Publication}, {@link TableOwnership}, {@link TablePrivileges}, {@link SchemaPrivileges},
 * {@link TableColumns}).
 */
public final class PostgresSupport implements DatabaseSupport {

    private static final SqlDialect DIALECT = new PostgresDialect();
    private static final KeyGenerators KEY_GENERATORS = new PostgresKeyGenerators(DIALECT);

    @Override
    public String family() {
        return "postgresql";
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public String urlForm() {
        return "jdbc:postgresql://host[:port]/database";
    }

    @Override
    public SqlDialect dialect() {
        return DIALECT;
    }

    @Override
    public KeyGenerators keyGenerators() {
        return KEY_GENERATORS;
    }
}
