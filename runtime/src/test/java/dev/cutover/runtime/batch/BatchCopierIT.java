package dev.cutover.runtime.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.batch.BatchSpec;
import dev.cutover.core.batch.Schedule;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.Operation;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.ColumnRule;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.mapping.TableMappingSpec;
import dev.cutover.core.pipeline.spi.ChangePublisher;
import dev.cutover.core.pipeline.spi.DeadLetterSink;
import dev.cutover.core.pipeline.spi.PipelineListener;
import dev.cutover.core.pipeline.spi.PublishRefusal;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.testkit.postgres.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full copy through the capture pipeline on the machine's PostgreSQL, with a publisher that
 * records what it is given: what the copy counts, which target rows it deletes, and the capture
 * lag it reports while its clock runs on.
 */
class BatchCopierIT {

    private static final TableId LEGACY = new TableId("public", "acct");
    private static final TableId NEW = new TableId("public", "accounts");

    @TempDir
    Path dataDir;

    private PostgresTestDatabase db;
    private final List<ChangeEvent> published = new ArrayList<>();
    private final List<String> parked = new ArrayList<>();
    private final List<Duration> lags = new ArrayList<>();

    @BeforeEach
    void createTables() {
        db = PostgresTestDatabase.create("cutover_it_copier");
        db.execute("CREATE TABLE acct (acct_id bigint PRIMARY KEY, stat_cd text NOT NULL)",
                "CREATE TABLE accounts (id bigint PRIMARY KEY, status text NOT NULL)",
                "INSERT INTO accounts VALUES (1, 'active'), (3, 'active'), (9, 'active')");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void reportsNoLagAndKeepsTheTargetRowOfARowThePublisherRefused() throws Exception {
        db.execute("INSERT INTO acct VALUES (1, 'A'), (2, 'A'), (3, 'A')");

        BatchRun run = copier(3L).run("r1");

        assertThat(lags).hasSize(3).containsOnly(Duration.ZERO);
        assertThat(parked).containsExactly("accounts/encode");
        assertThat(published).filteredOn(e -> e.operation() == Operation.DELETE).extracting(e -> e.key().get("id"))
                .containsExactly(9L);
        assertThat(run.rows()).isEqualTo(3);
        assertThat(run.deletes()).isEqualTo(1);
        assertThat(run.deadLettered()).isEqualTo(1);
    }

    @Test
    void deletesNothingWhenARowCouldNotBeMapped() throws Exception {
        db.execute("INSERT INTO acct VALUES (1, 'A'), (2, 'X')");

        BatchRun run = copier(null).run("r1");

        assertThat(parked).containsExactly("accounts/map");
        assertThat(published).extracting(ChangeEvent::operation).containsOnly(Operation.READ);
        assertThat(run.rows()).isEqualTo(2);
        assertThat(run.deletes()).isZero();
        assertThat(run.deadLettered()).isEqualTo(1);
    }

    /** A full copy of {@code acct} onto {@code accounts} in pages of two; the publisher refuses the row {@code refuseId}. */
    private BatchCopier copier(Long refuseId) throws Exception {
        TableSchema legacy = new TableSchema(LEGACY, List.of(ColumnDef.of("acct_id", ColumnType.INT64, "int8", false),
                ColumnDef.of("stat_cd", ColumnType.STRING, "text", false)), List.of("acct_id"));
        TableSchema neu = new TableSchema(NEW, List.of(ColumnDef.of("id", ColumnType.INT64, "int8", false),
                ColumnDef.of("status", ColumnType.STRING, "text", false)), List.of("id"));
        TableMapping mapping = TableMapping.compile(new TableMappingSpec(LEGACY, NEW, List.of(), List.of(
                ColumnRule.rename("acct_id", "id"),
                new ColumnRule("stat_cd", "status", Map.of("A", "active"), null, false)), Map.of(), Map.of(), null, Map.of()),
                legacy, neu);
        JdbcConnectionFactory connections = JdbcConnectionFactory.of(db.jdbcUrl(), db.user(), (char[]) null);
        ChangePublisher publisher = new ChangePublisher() {
            @Override
            public List<PublishRefusal> publish(String binding, List<ChangeEvent> mapped) {
                published.addAll(mapped);
                return mapped.stream().filter(e -> e.after() != null && refuseId != null && refuseId.equals(e.after().get("id")))
                        .map(e -> new PublishRefusal(e, PublishRefusal.ENCODE, "refused")).toList();
            }

            @Override
            public void close() {
            }
        };
        DeadLetterSink deadLetters = (binding, stage, change, reason) -> parked.add(binding + "/" + stage);
        PipelineListener listener = new PipelineListener() {
            @Override
            public void onCaptured(String binding, ChangeEvent event, Duration captureLag) {
                lags.add(captureLag);
            }
        };
        BatchSpec spec = new BatchSpec(Schedule.parse("PT1H"), null, 2);
        return new BatchCopier("accounts", mapping, SystemSide.LEGACY, neu, spec, new BatchTableReader(connections, 2),
                new BatchTableReader(connections, 2), new WatermarkStore(dataDir, "accounts"), publisher, deadLetters,
                listener, new RunningClock());
    }

    /** A clock a minute further on at each reading, as if every page took a minute. */
    private static final class RunningClock extends Clock {
        private Instant now = Instant.parse("2024-05-01T12:00:00Z");

        @Override
        public Instant instant() {
            now = now.plus(Duration.ofMinutes(1));
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
