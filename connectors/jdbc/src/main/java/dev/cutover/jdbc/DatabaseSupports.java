package dev.cutover.jdbc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Finds the {@link DatabaseSupport} of a database family among those on the class path
 * ({@link ServiceLoader}, service {@code dev.cutover.jdbc.DatabaseSupport}), by JDBC URL or by
 * family key.
 *
 * <p>Thread-safe: the plug-ins are loaded once, on first use, by the class loader of this class.
 */
public final class DatabaseSupports {

    private DatabaseSupports() {
    }

    /** The family whose dialect serves {@code jdbcUrl}; empty when none does. */
    public static Optional<DatabaseSupport> forJdbcUrl(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return Loaded.SUPPORTS.stream().filter(s -> s.dialect().accepts(jdbcUrl)).findFirst();
    }

    /** The family with key {@code family} (e.g. {@code mariadb}); empty when none is on the class path. */
    public static Optional<DatabaseSupport> forFamily(String family) {
        Objects.requireNonNull(family, "family");
        return Loaded.SUPPORTS.stream().filter(s -> s.family().equals(family)).findFirst();
    }

    /** Every family on the class path, in service-file order. */
    public static List<DatabaseSupport> all() {
        return Loaded.SUPPORTS;
    }

    /** Every URL prefix some family's dialect serves, sorted. */
    public static List<String> supportedPrefixes() {
        TreeSet<String> prefixes = new TreeSet<>();
        Loaded.SUPPORTS.forEach(s -> prefixes.addAll(s.dialect().urlPrefixes()));
        return List.copyOf(prefixes);
    }

    /** Holder idiom: loads the plug-ins on first use, once. */
    private static final class Loaded {
        static final List<DatabaseSupport> SUPPORTS = ServiceLoader.load(DatabaseSupport.class, DatabaseSupports.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
    }
}
