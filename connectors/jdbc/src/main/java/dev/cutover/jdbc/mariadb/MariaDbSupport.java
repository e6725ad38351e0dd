package dev.cutover.jdbc.mariadb;

import dev.cutover.jdbc.DatabaseSupport;
import dev.cutover.jdbc.KeyGenerators;
import dev.cutover.jdbc.SqlDialect;

/**
 * MariaDB as a {@link DatabaseSupport}: Connector/J's dialect and the {@code AUTO_INCREMENT} counters behind keys
 * ({@link MariaDbKeyGenerators}); capture settings read by {@link BinlogSettings}.
 */
public final class MariaDbSupport implements DatabaseSupport {

    private static final SqlDialect DIALECT = new MariaDbDialect();
    private static final KeyGenerators KEY_GENERATORS = new MariaDbKeyGenerators(DIALECT);

    @Override
    public String family() {
        return "mariadb";
    }

    @Override
    public String displayName() {
        return "MariaDB";
    }

    @Override
    public String urlForm() {
        return "jdbc:mariadb://host[:port]/database";
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
