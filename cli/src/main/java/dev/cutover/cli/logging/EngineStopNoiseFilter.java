package dev.cutover.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.RejectedExecutionException;

/**
 * Drops the error Debezium's asynchronous engine logs when it is closed while a batch is being
 * converted: its thread pool, terminated by the close, rejects the batch's remaining tasks and the
 * engine reports that as a failure, with a stack trace, on every reload or stop that restarts a
 * busy capture. The capture stops on purpose and resumes from its committed position, so nothing
 * failed. A rejection can only come from a pool that was shut down; every other engine error is
 * logged as before.
 */
public final class EngineStopNoiseFilter extends Filter<ILoggingEvent> {

    static final String ENGINE_LOGGER = "io.debezium.embedded.async.AsyncEmbeddedEngine";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLevel() == Level.ERROR && ENGINE_LOGGER.equals(event.getLoggerName()) && rejected(event.getThrowableProxy())) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean rejected(IThrowableProxy thrown) {
        for (IThrowableProxy t = thrown; t != null; t = t.getCause()) {
            if (RejectedExecutionException.class.getName().equals(t.getClassName())) {
                return true;
            }
        }
        return false;
    }
}
