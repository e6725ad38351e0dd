package dev.cutover.debezium;

import java.time.Duration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.pipeline.spi.PipelineListener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Capture options for MariaDB: told by the URL, with the capture's own tables in the URL's database. */
class MariaDbCaptureOptionsTest {

    private static final TableId ORDERS = new TableId("shop", "orders");

    private static CaptureOptions.Builder valid() {
        return CaptureOptions.builder("shop-sync", SystemSide.LEGACY).pollInterval(Duration.ofMillis(50)).maxBatchSize(2048).heartbeatInterval(Duration.ofSeconds(10))
                .database("jdbc:mariadb://db.example:3307/shop", "capture", "s3cret")
                .table(ORDERS, "id")
                .offsetFile(Path.of("data/legacy.offsets"));
    }

    @Test
    void theUrlTellsTheKindAndTheOwnTablesGoIntoItsDatabase() {
        CaptureOptions o = valid().suppressEchoes().build();

        assertThat(o.kind()).isEqualTo(CaptureKind.MARIADB);
        assertThat(o.endpoint().host()).isEqualTo("db.example");
        assertThat(o.endpoint().port()).isEqualTo(3307);
        assertThat(o.endpoint().database()).isEqualTo("shop");
        assertThat(o.heartbeatTable()).isEqualTo(new TableId("shop", "cutover_heartbeat"));
        assertThat(o.signalTable()).isEqualTo(new TableId("shop", "cutover_signal_shop_sync_legacy"));
        assertThat(o.echoMarkerTable()).isEqualTo(new TableId("shop", "cutover_apply_marker"));
    }

    @Test
    void postgresDefaultsStayInPublic() {
        CaptureOptions o = valid().database("jdbc:postgresql://h/app", "u", null).table(new TableId("public", "x"), "id")
                .suppressEchoes().build();

        assertThat(o.kind()).isEqualTo(CaptureKind.POSTGRESQL);
        assertThat(o.heartbeatTable()).isEqualTo(CaptureOptions.DEFAULT_HEARTBEAT_TABLE);
        assertThat(o.echoMarkerTable()).isEqualTo(CaptureOptions.DEFAULT_ECHO_MARKER_TABLE);
        assertThat(o.signalTable()).isEqualTo(CaptureOptions.defaultSignalTable("shop-sync", SystemSide.LEGACY));
    }

    @Test
    void onlyPostgresCanSkipOriginTaggedChanges() {
        assertThatThrownBy(() -> valid().suppressEchoes().skipOriginTagged().build())
                .hasMessageContaining("skipsOriginTagged: only PostgreSQL (16 or later) can leave out changes by origin, and jdbc:mariadb:"
                        + " is not PostgreSQL");
        assertThat(valid().database("jdbc:postgresql://h/app", "u", null).table(new TableId("public", "x"), "id").skipOriginTagged()
                .build().skipsOriginTagged()).isTrue();
    }

    @Test
    void aUrlOfAnotherDatabaseOrWithParametersIsRejected() {
        assertThatThrownBy(() -> valid().database("jdbc:mysql://h:3306/shop", "u", null).build())
                .hasMessageContaining("jdbcUrl: 'jdbc:mysql://h:3306/shop' names no database a capture can read (expected"
                        + " jdbc:postgresql://host[:port]/database or jdbc:mariadb://host[:port]/database)");
        assertThatThrownBy(() -> valid().database("jdbc:mariadb://h/shop?password=hunter2", "u", null).build())
                .hasMessageContaining("has query parameters").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> valid().database("jdbc:mariadb://h:99999/shop", "u", null).build()).hasMessageContaining("port 99999");
    }

    @Test
    void eachSourceReadsOnlyItsKindAndTheFactoryChoosesByUrl() {
        CaptureOptions maria = valid().build();

        assertThatThrownBy(() -> new PostgresCaptureSource(maria, PipelineListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reads PostgreSQL");
        try (DebeziumCaptureSource source = DebeziumCaptureSource.create(maria, PipelineListener.NONE)) {
            assertThat(source).isInstanceOf(MariaDbCaptureSource.class);
        }
    }
}
