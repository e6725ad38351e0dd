package dev.cutover.runtime;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a failure that goes away by itself (a database restarting, a network cut, the broker down,
 * a replication slot still held by the connection that just died) from one that needs a person (a
 * setting, a privilege, a missing table). A transient failure is retried for as long as it lasts;
 * any other stops what failed. Stateless.
 */
final class TransientFailures {

    private TransientFailures() {
    }

    /** True when any exception in the cause chain says the operation may succeed if simply tried again. */
    static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (isTransientItself(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientItself(Throwable t) {
        if (t instanceof SQLException sql) {
            return sql instanceof SQLTransientException || sql instanceof SQLRecoverableException || isTransientState(sql.getSQLState());
        }
        return t instanceof ConnectException || t instanceof SocketException || t instanceof SocketTimeoutException
                || t instanceof EOFException || t instanceof UnknownHostException
                || t instanceof org.apache.kafka.common.errors.RetriableException
                || t instanceof org.apache.kafka.connect.errors.RetriableException;
    }

    /**
     * SQLSTATE classes and codes that PostgreSQL and MariaDB use for "not now": 08 connection
     * exceptions, 57P0x server shutting down or starting, 53300 too many connections, 55006 object in
     * use (a replication slot still held by a walsender that has not noticed its client died),
     * 40001/40P01 serialization failure and deadlock, HY000 with a lost connection is covered by the
     * driver's exception types.
     */
    private static boolean isTransientState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("57P") || state.equals("53300") || state.equals("55006")
                || state.equals("40001") || state.equals("40P01");
    }
}
