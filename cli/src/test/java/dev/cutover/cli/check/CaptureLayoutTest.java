package dev.cutover.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConfigLoader;
import dev.cutover.config.SecretResolver;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureLayoutTest {

    @Test
    void aOneWayBindingIsCapturedOnlyOnItsSourceWithoutEchoMarkers() throws Exception {
        CaptureLayout layout = new CaptureLayout(TestConfigs.shop("""
                - name: customers
                  legacy: public.cust_mstr
                  new: public.customers
                  direction: legacy-to-new
                """));

        assertThat(layout.captures()).extracting(CaptureLayout.Capture::side).containsExactly(SystemSide.LEGACY);
        CaptureLayout.Capture legacy = layout.capture(SystemSide.LEGACY).orElseThrow();
        assertThat(legacy.slot()).isEqualTo("cutover_shop_legacy");
        assertThat(legacy.publication()).isEqualTo("cutover_shop_legacy");
        assertThat(legacy.echoMarkerTable()).isNull();
        assertThat(legacy.publishedTables()).containsExactly(new TableId("public", "cust_mstr"),
                new TableId("public", "cutover_heartbeat"), new TableId("public", "cutover_signal_shop_legacy"));
        assertThat(legacy.offsetFile()).isEqualTo(Path.of("/srv/cutover/data/offsets/legacy.offsets"));
    }

    @Test
    void aTwoWayBindingIsCapturedOnBothSidesAndTheFollowersCapturePublishesTheEchoMarkers() throws Exception {
        CaptureLayout layout = new CaptureLayout(TestConfigs.shop("""
                - name: items
                  legacy: public.item
                  new: public.items
                  direction: two-way
                """));

        assertThat(layout.captures()).extracting(CaptureLayout.Capture::side).containsExactly(SystemSide.LEGACY, SystemSide.NEW);
        assertThat(layout.capture(SystemSide.LEGACY).orElseThrow().echoMarkerTable()).isNull();
        CaptureLayout.Capture neu = layout.capture(SystemSide.NEW).orElseThrow();
        assertThat(neu.ownTables()).containsExactly(new TableId("public", "cutover_heartbeat"),
                new TableId("public", "cutover_signal_shop_new"), new TableId("public", "cutover_apply_marker"));
        assertThat(neu.tables().keySet()).containsExactly(new TableId("public", "items"));
    }

    @Test
    void onMariaDbTheCapturesOwnTablesLiveInTheDatabaseOfItsUrl() throws Exception {
        CaptureLayout layout = new CaptureLayout(ConfigLoader.parse("""
                name: shop
                kafka: { bootstrap: embedded }
                systems:
                  legacy: { kind: mariadb, jdbc-url: "jdbc:mariadb://db1:3306/erp", user: erp }
                  new:    { kind: postgresql, jdbc-url: "jdbc:postgresql://db2:5432/shop", user: shop }
                bindings:
                  - name: items
                    legacy: erp.item
                    new: public.items
                    direction: two-way
                """, TestConfigs.FILE, SecretResolver.fromEnvironment(Map.of())));

        assertThat(layout.capture(SystemSide.LEGACY).orElseThrow().ownTables()).containsExactly(new TableId("erp", "cutover_heartbeat"),
                new TableId("erp", "cutover_signal_shop_legacy"));
        assertThat(layout.capture(SystemSide.NEW).orElseThrow().ownTables()).containsExactly(new TableId("public", "cutover_heartbeat"),
                new TableId("public", "cutover_signal_shop_new"), new TableId("public", "cutover_apply_marker"));
    }

    @Test
    void aMissingOffsetFileMeansNoStoredPosition() throws Exception {
        CaptureLayout layout = new CaptureLayout(TestConfigs.shop("""
                - name: customers
                  legacy: public.cust_mstr
                  new: public.customers
                  direction: legacy-to-new
                """));

        assertThat(layout.capture(SystemSide.LEGACY).orElseThrow().positionStored()).isFalse();
    }
}
