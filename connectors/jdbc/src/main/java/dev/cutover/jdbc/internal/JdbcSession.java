package dev.cutover.jdbc.internal;

import dev.cutover.core.event.RowImage;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * One connection in manual-commit mode with its prepared statements and writer: what an applier
 * holds between batches, and throws away after a connection failure. Not thread-safe.
 */
public final class JdbcSession implements AutoCloseable {

    private static final int STATEMENT_CACHE_CAPACITY = 256;

    private final Connection connection;
    private final StatementCache statements;
    private final BatchWriter writer;
    private final SessionTagger tagger;
    private final RowLocker locker;
    private final SqlDialect dialect;

    private JdbcSession(Connection connection, JdbcConnectionFactory connections, SessionTagger tagger) {
        this.connection = connection;
        this.statements = new StatementCache(connection, STATEMENT_CACHE_CAPACITY);
        this.writer = new BatchWriter(connections.dialect(), statements);
        this.tagger = tagger;
        this.locker = new RowLocker(connections.dialect(), statements);
        this.dialect = connections.dialect();
    }

    /** Opens a connection and turns auto-commit off; the session is not tagged. */
    public static JdbcSession open(JdbcConnectionFactory connections) throws SQLException {
        return open(connections, null);
    }

    /**
     * Opens a connection, turns auto-commit off and tags the session.
     *
     * @param tagger how the session and {@link #mark} tag what it writes; null when nothing is tagged
     */
    public static JdbcSession open(JdbcConnectionFactory connections, SessionTagger tagger) throws SQLException {
        Connection connection = connections.open();
        try {
            connection.setAutoCommit(false);
            if (tagger != null) {
                tagger.sessionOpened(connection);
            }
            return new JdbcSession(connection, connections, tagger);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw e;
        }
    }

    /**
     * Tags the open transaction, which must not have written anything yet (an apply marker; nothing
     * for an untagged session or one whose origin tags it already).
     */
    public void mark(Instant appliedAt) throws SQLException {
        if (tagger != null) {
            tagger.transactionStarted(connection, statements, appliedAt);
        }
    }

    /**
     * Writes the net effect of {@code rows} in the open transaction.
     *
     * @throws RowAppearedException when a row read as missing was there; the transaction must roll back
     */
    public void writeAll(List<KeyChanges> rows) throws TableWriteException, RowAppearedException {
        writer.writeAll(rows);
    }

    /**
     * Reads the rows of {@code target} with one of {@code keys} in the open transaction and locks
     * them until it ends; keys without a row are skipped.
     */
    public List<RowImage> lockRows(TableTarget target, Collection<RowImage> keys) throws SQLException {
        return locker.lock(target, keys);
    }

    /** See {@link BatchWriter#writeOne}. */
    void writeOne(TableTarget target, RowWrite write, boolean unclaimed) throws TableWriteException, RowAppearedException {
        writer.writeOne(target, write, unclaimed);
    }

    Savepoint savepoint() throws SQLException {
        return connection.setSavepoint();
    }

    void release(Savepoint savepoint) throws SQLException {
        connection.releaseSavepoint(savepoint);
    }

    void rollbackTo(Savepoint savepoint) throws SQLException {
        connection.rollback(savepoint);
    }

    public void commit() throws SQLException {
        connection.commit();
    }

    /** Commits, and returns the transaction's id as the database's capture names it, or null (see {@link SqlDialect#commitNamingTransaction}). */
    public String commitNamingTransaction() throws SQLException {
        return dialect.commitNamingTransaction(connection);
    }

    /** Rolls the open transaction back; a failure to do so is added to {@code failure}, which is being reported. */
    public void rollback(Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        statements.close();
        try {
            if (tagger != null) {
                connection.rollback();
                tagger.sessionClosing(connection);
            }
        } catch (SQLException e) {
            // A broken connection: its backend ends with it, and what it held with it.
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing a broken connection may fail; it is discarded either way.
        }
    }

    private static void closeQuietly(Connection connection, SQLException failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
