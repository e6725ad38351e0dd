package dev.cutover.config.diff;

import static dev.cutover.config.diff.Bridges.HEAD;
import static dev.cutover.config.diff.Bridges.LEGACY_PASSWORD;
import static dev.cutover.config.diff.Bridges.binding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.BridgeConfig;
import org.junit.jupiter.api.Test;

/** Bridge-level settings are read at start: a plan that changes any is refused as a whole, path by path. */
class RestartFieldsTest {

    private static final String ORDERS = binding("orders", "legacy-to-new");

    private static BridgeConfig bridge(String head) {
        return Bridges.parse(head, LEGACY_PASSWORD, ORDERS);
    }

    @Test
    void everyBridgeLevelSettingNeedsARestartNamedByItsPath() {
        BridgeConfig running = bridge(HEAD);
        BridgeConfig next = bridge((HEAD.replace("name: shop", "name: shop2") + """
                data-dir: /var/lib/cutover
                kafka: { bootstrap: "broker:9092", partitions: 6, properties: { linger.ms: "5" } }
                http: { address: "0.0.0.0:9090", token: abc }
                tuning: { apply-batch-size: 500, slot-probe-interval: PT1M }
                """).replace("5432/newapp", "5433/newapp"));

        ReloadPlan plan = ConfigDiff.between(running, next);

        assertThat(plan.restarts()).extracting(Refusal::path).containsExactly("name", "data-dir", "kafka.bootstrap",
                "kafka.data-dir", "kafka.properties", "kafka.partitions", "systems.new.jdbc-url", "http.address", "http.token",
                "tuning.apply-batch-size", "tuning.slot-probe-interval");
        assertThat(plan.restarts()).first().extracting(Refusal::reason)
                .isEqualTo("needs a restart (the name identifies the replication slots, topics and consumer groups)");
        assertThat(plan.restarts()).filteredOn(r -> r.path().startsWith("kafka.")).extracting(Refusal::reason)
                .containsOnly("needs a restart (the Kafka clients and the embedded broker are set up at start)");
        assertThat(plan.applicable()).isFalse();
        assertThat(plan.refusals()).isEqualTo(plan.restarts());
        assertThat(plan.binding("orders").orElseThrow().kind()).as("bindings are still compared").isEqualTo(BindingChange.Kind.UNCHANGED);
    }

    @Test
    void aChangedPasswordNeedsARestartWithoutShowingIt() {
        BridgeConfig running = bridge(HEAD);
        BridgeConfig next = Bridges.parse(HEAD, "an0ther-pw", ORDERS);

        ReloadPlan plan = ConfigDiff.between(running, next);

        assertThat(plan.restarts()).containsExactly(new Refusal("systems.legacy.password",
                "needs a restart (the database connections and captures are set up at start)"));
        assertThat(String.join("\n", plan.lines()) + plan.toMap()).doesNotContain(LEGACY_PASSWORD, "an0ther-pw");
    }

    @Test
    void theSamePasswordIsNoChange() {
        assertThat(ConfigDiff.between(bridge(HEAD), bridge(HEAD)).restarts()).isEmpty();
    }
}
