package dev.cutover.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.SecretResolver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The requests {@link ResyncDesk} refuses before any capture is involved; parsed configuration only, no database. */
class ResyncDeskTest {

    private final ResyncDesk desk;

    ResyncDeskTest() throws Exception {
        BridgeConfig config = ConfigLoader.parse("""
                name: shop
                kafka: { bootstrap: embedded }
                systems:
                  legacy: { kind: postgresql, jdbc-url: "jdbc:postgresql://db1:5432/erp", user: erp }
                  new:    { kind: postgresql, jdbc-url: "jdbc:postgresql://db2:5432/shop", user: shop }
                bindings:
                  - { name: customers, legacy: public.cust_mstr, new: public.customers, direction: legacy-to-new }
                  - { name: docs, legacy: public.docs_legacy, new: public.docs_new, direction: legacy-to-new, mode: batch,
                      batch: { schedule: PT1M } }
                  - { name: audit, legacy: public.audit_trail, new: public.audit_events, direction: none, strategy: separate }
                """, Path.of("/srv/cutover/cutover.yaml"), SecretResolver.fromEnvironment(Map.of()));
        desk = new ResyncDesk(config.bindings(), List.of(), Map.of());
    }

    @Test
    void anUnknownBindingIsRefusedListingTheBindings() {
        assertThatThrownBy(() -> desk.request("custmers", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no binding 'custmers'; the bindings are [customers, docs, audit]");
    }

    @Test
    void aBatchBindingIsRefusedBecauseNothingCapturesIt() {
        assertThatThrownBy(() -> desk.request("docs", "id < 3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("binding 'docs' is mode batch").hasMessageContaining("needs a streamed binding");
    }

    @Test
    void aNoneBindingIsRefusedBecauseNothingSyncsIt() {
        assertThatThrownBy(() -> desk.request("audit", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("binding 'audit' has direction none");
    }

    @Test
    void aStreamedBindingWithoutARunningCaptureCannotBeResyncedNow() {
        assertThatThrownBy(() -> desk.request("customers", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("binding 'customers' has no running capture");
        assertThat(desk.list()).isEmpty();
        assertThat(desk.show("resync-1")).isEmpty();
    }
}
