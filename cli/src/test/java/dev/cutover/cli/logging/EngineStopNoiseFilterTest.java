package dev.cutover.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class EngineStopNoiseFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final EngineStopNoiseFilter filter = new EngineStopNoiseFilter();

    private LoggingEvent event(String logger, Level level, Throwable thrown) {
        Logger l = context.getLogger(logger);
        return new LoggingEvent(Logger.class.getName(), l, level, "Engine has failed with ", thrown, null);
    }

    @Test
    void theEngineReportingTasksItsOwnClosedPoolRejectedIsDropped() {
        Throwable closing = new ExecutionException(new RejectedExecutionException("rejected from ThreadPoolExecutor[Terminated]"));

        assertThat(filter.decide(event(EngineStopNoiseFilter.ENGINE_LOGGER, Level.ERROR, closing))).isEqualTo(FilterReply.DENY);
    }

    @Test
    void everyOtherEngineErrorIsKept() {
        Throwable real = new ExecutionException(new IllegalStateException("replication slot is active"));

        assertThat(filter.decide(event(EngineStopNoiseFilter.ENGINE_LOGGER, Level.ERROR, real))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event(EngineStopNoiseFilter.ENGINE_LOGGER, Level.ERROR, null))).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void aRejectionLoggedElsewhereIsKept() {
        Throwable rejected = new RejectedExecutionException("full");

        assertThat(filter.decide(event("dev.cutover.runtime.Pipeline", Level.ERROR, rejected))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event(EngineStopNoiseFilter.ENGINE_LOGGER, Level.WARN, rejected))).isEqualTo(FilterReply.NEUTRAL);
    }
}
