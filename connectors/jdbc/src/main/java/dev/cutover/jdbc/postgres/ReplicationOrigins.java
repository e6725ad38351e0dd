package dev.cutover.jdbc.postgres;

import dev.cutover.jdbc.internal.CatalogReads;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The PostgreSQL replication origins a bridge's applier tags its sessions with, so that the
 * capture of the same database can leave the applier's writes out at the source (pgoutput's
 * {@code origin=none}, PostgreSQL 16 and later) instead of decoding them and dropping them by
 * marker.
 *
 * <p>A bridge has {@link #SESSIONS} origins, {@code cutover_<bridge>_0} to {@code _3}: an origin
 * can be set up by one session at a time, and the backend of a connection the applier just
 * dropped may still hold one for a moment. Every origin set up keeps a slot of the server's
 * replication-origin state (sized by {@code max_replication_slots}) until dropped, so the names
 * are few and fixed rather than one per session, and a session {@link #release}s its origin when
 * it closes.
 *
 * <p>Stateless.
 */
public final class ReplicationOrigins {

    /** How many origins a bridge uses: one per applier session that may be alive at the same time. */
    public static final int SESSIONS = 4;

    /** PostgreSQL's {@code object_in_use}: the origin is set up by another session. */
    private static final String IN_USE = "55006";
    private static final String PROBE = "SELECT current_setting('server_version_num')::int,"
            + " has_function_privilege('pg_catalog.pg_replication_origin_create(text)', 'EXECUTE'),"
            + " has_function_privilege('pg_catalog.pg_replication_origin_session_setup(text)', 'EXECUTE')";
    private static final String OTHERS = "SELECT roname FROM pg_catalog.pg_replication_origin WHERE roname NOT IN ("
            + String.join(", ", Collections.nCopies(SESSIONS, "?")) + ") ORDER BY roname";
    /** PostgreSQL's {@code unique_violation}: another session created the origin first. */
    private static final String CREATED_MEANWHILE = "23505";

    private ReplicationOrigins() {
    }

    /** The origin names of {@code bridge}, in the order sessions try them. */
    public static List<String> names(String bridge) {
        return IntStream.range(0, SESSIONS).mapToObj(i -> "cutover_" + bridge + "_" + i).toList();
    }

    /**
     * Why the capture of the database {@code connection} talks to cannot leave origin-tagged
     * writes out, or empty when it can: the server must be PostgreSQL 16 or later, the user must
     * be allowed to create and set up origins (superuser, or granted EXECUTE), and no origin but
     * {@code bridge}'s may exist, since {@code origin=none} would also leave out what a
     * subscription, another replication tool or another bridge writes there.
     */
    public static Optional<String> unavailableReason(Connection connection, String bridge) throws SQLException {
        Probe probe = CatalogReads.single(connection, PROBE, rs -> new Probe(rs.getInt(1), rs.getBoolean(2), rs.getBoolean(3)));
        if (probe.version() < 160000) {
            return Optional.of("PostgreSQL " + probe.version() / 10000 + " cannot filter changes by origin (16 or later can)");
        }
        if (!probe.mayCreate() || !probe.maySetUp()) {
            return Optional.of("the user may not run pg_replication_origin_create and pg_replication_origin_session_setup"
                    + " (a superuser may, or GRANT EXECUTE on both)");
        }
        List<String> others = CatalogReads.all(connection, OTHERS, rs -> rs.getString(1), names(bridge).toArray());
        if (!others.isEmpty()) {
            return Optional.of("the database has other replication origins " + others
                    + " (a subscription, a replication tool or another bridge), whose writes origin filtering would leave out");
        }
        return Optional.empty();
    }

    /**
     * Tags the session of {@code connection} with the first origin of {@code bridge} no other
     * session holds, creating it when missing; every transaction it commits from now on carries
     * that origin. Commits the connection's open transaction.
     *
     * @return the origin set up
     * @throws SQLTransientException when every origin of the bridge is held by another session
     *     (retry once the sessions of dropped connections have ended)
     */
    public static String setUp(Connection connection, String bridge) throws SQLException {
        for (String name : names(bridge)) {
            create(connection, name);
            try {
                CatalogReads.all(connection, "SELECT pg_catalog.pg_replication_origin_session_setup(?)", rs -> null, name);
                connection.commit();
                return name;
            } catch (SQLException e) {
                if (!IN_USE.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback();
            }
        }
        throw new SQLTransientException("every replication origin of bridge '" + bridge + "' (" + names(bridge)
                + ") is held by another session");
    }

    private static void create(Connection connection, String name) throws SQLException {
        try {
            CatalogReads.all(connection, "SELECT pg_catalog.pg_replication_origin_create(?) WHERE NOT EXISTS"
                    + " (SELECT 1 FROM pg_catalog.pg_replication_origin WHERE roname = ?)", rs -> null, name, name);
            connection.commit();
        } catch (SQLException e) {
            if (!CREATED_MEANWHILE.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback();
        }
    }

    /**
     * Ends the session's use of {@code origin}, which {@link #setUp} gave it, and drops the origin,
     * so that a bridge that stopped leaves nothing behind: no catalog row, no origin-state slot, no
     * origin another bridge's {@link #unavailableReason} would count. Commits the connection's open
     * transaction. A session that ends without this (a crash, a lost connection) leaves the origin
     * to be taken again by the next session of the bridge.
     */
    public static void release(Connection connection, String origin) throws SQLException {
        CatalogReads.all(connection, "SELECT pg_catalog.pg_replication_origin_session_reset()", rs -> null);
        CatalogReads.all(connection, "SELECT pg_catalog.pg_replication_origin_drop(?)", rs -> null, origin);
        connection.commit();
    }

    private record Probe(int version, boolean mayCreate, boolean maySetUp) {
    }
}
