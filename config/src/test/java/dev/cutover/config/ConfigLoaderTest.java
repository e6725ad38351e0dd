package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.binding.Direction;
import dev.cutover.core.binding.SyncMode;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.core.mapping.ColumnRule;
import dev.cutover.core.mapping.TableMappingSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void fullExampleLoadsIntoTheModel() throws ConfigException {
        BridgeConfig config = Configs.parse(Configs.FULL);

        assertThat(config.name()).isEqualTo("shop");
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/shop/data"));
        assertThat(config.kafka()).isEqualTo(new KafkaOptions("embedded", Path.of("/srv/shop/data/kafka"), 9092, Map.of(),
                java.util.Set.of(), 3, 1, KafkaOptions.DEFAULT_MAX_RECORD_BYTES));
        assertThat(config.kafka().embedded()).isTrue();
        assertThat(config.legacySystem()).isEqualTo(new SystemOptions(SystemSide.LEGACY, DatabaseKind.POSTGRESQL,
                "jdbc:postgresql://localhost:5432/legacy", "postgres", Secret.of(Configs.LEGACY_PASSWORD)));
        assertThat(config.system(SystemSide.NEW)).isEqualTo(new SystemOptions(SystemSide.NEW, DatabaseKind.POSTGRESQL,
                "jdbc:postgresql://localhost:5432/newapp", "postgres", null));
        assertThat(config.http()).isEqualTo(new HttpOptions("127.0.0.1", 8080));
        assertThat(config.tuning()).isEqualTo(new TuningOptions(Duration.ofMillis(50), 4096, 2000, Duration.ofSeconds(10),
                Duration.ofSeconds(30), ByteSize.parse("1GiB"), Duration.ofSeconds(15), 0, 0));
        assertThat(config.bindings()).containsExactly(expectedCustomersBinding());
    }

    private static BindingOptions expectedCustomersBinding() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("source", "legacy");
        TableMappingSpec spec = new TableMappingSpec(new TableId("public", "cust_mstr"), new TableId("public", "customers"),
                List.of("cust_id"),
                List.of(ColumnRule.rename("cust_id", "id"), ColumnRule.rename("cust_nm", "full_name"),
                        new ColumnRule("stat_cd", "status", Map.of("A", "active", "I", "inactive"), null, false),
                        new ColumnRule("crt_epoch", "created_at", Map.of(), "epoch-seconds-to-timestamp", false),
                        ColumnRule.ignore("legacy_only_col")),
                defaults, Map.of(), "com.example.MyMapper", Map.of("k", "v"));
        return new BindingOptions("customers", "bindings[0]", Direction.LEGACY_TO_NEW, SyncMode.STREAM, spec);
    }

    @Test
    void minimalConfigurationTakesEveryDefault() throws ConfigException {
        BridgeConfig config = Configs.parse(Configs.MINIMAL);

        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/shop/data"));
        assertThat(config.kafka()).isEqualTo(new KafkaOptions(KafkaOptions.EMBEDDED, Path.of("/srv/shop/data/kafka"),
                KafkaOptions.DEFAULT_EMBEDDED_PORT, Map.of(), java.util.Set.of(), KafkaOptions.DEFAULT_PARTITIONS, KafkaOptions.DEFAULT_REPLICATION_FACTOR,
                KafkaOptions.DEFAULT_MAX_RECORD_BYTES));
        assertThat(config.http().address()).isEqualTo(HttpOptions.DEFAULT_ADDRESS);
        assertThat(config.tuning()).isEqualTo(TuningOptions.defaults());
        assertThat(config.legacySystem().user()).isNull();
        assertThat(config.legacySystem().password()).isNull();
        BindingOptions binding = config.bindings().get(0);
        assertThat(binding.name()).as("defaults to the new table's name").isEqualTo("customers");
        assertThat(binding.mode()).isEqualTo(SyncMode.STREAM);
        assertThat(binding.mapping().key()).as("empty means the primary key").isEmpty();
        assertThat(binding.mapping().columns()).isEmpty();
        assertThat(binding.mapping().customMapper()).isNull();
    }

    @Test
    void aMariaDbSystemLoadsWithItsUrl() throws ConfigException {
        BridgeConfig config = Configs.parse(Configs.MINIMAL.replace(
                "legacy: { kind: postgresql, jdbc-url: \"jdbc:postgresql://localhost:5432/legacy\"",
                "legacy: { kind: mariadb, jdbc-url: \"jdbc:mariadb://db.internal:3306/erp\""));

        assertThat(config.legacySystem().kind()).isEqualTo(DatabaseKind.MARIADB);
        assertThat(config.legacySystem().jdbcUrl()).isEqualTo("jdbc:mariadb://db.internal:3306/erp");
    }

    @Test
    void tableWithoutSchemaGetsPublic() throws ConfigException {
        BridgeConfig config = Configs.parse(Configs.MINIMAL.replace("legacy: public.cust_mstr", "legacy: cust_mstr"));

        assertThat(config.bindings().get(0).legacyTable()).isEqualTo(new TableId("public", "cust_mstr"));
    }

    @Test
    void externalClusterHasNoBrokerDirectoryAndListsItsServers() throws ConfigException {
        BridgeConfig config = Configs.parse(Configs.MINIMAL + """
                kafka: { bootstrap: "k1:9092, k2:9093", replication-factor: 3, max-record-bytes: 2097152, properties: { security.protocol: SSL, linger.ms: 5 } }
                """);

        assertThat(config.kafka().maxRecordBytes()).isEqualTo(2_097_152);
        assertThat(config.kafka().embedded()).isFalse();
        assertThat(config.kafka().dataDir()).isNull();
        assertThat(config.kafka().bootstrapServers()).containsExactly("k1:9092", "k2:9093");
        assertThat(config.kafka().replicationFactor()).isEqualTo(3);
        assertThat(config.kafka().properties()).containsExactly(Map.entry("security.protocol", "SSL"),
                Map.entry("linger.ms", "5"));
    }

    @Test
    void absoluteDataDirectoriesAreKeptAndIpv6AddressesParse() throws ConfigException {
        BridgeConfig config = Configs.parse(Configs.MINIMAL + """
                data-dir: /var/lib/cutover
                http: { address: "[::1]:0" }
                """);

        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/cutover"));
        assertThat(config.kafka().dataDir()).isEqualTo(Path.of("/var/lib/cutover/kafka"));
        assertThat(config.http()).isEqualTo(new HttpOptions("::1", 0));
        assertThat(config.http().address()).isEqualTo("[::1]:0");
    }

    @Test
    void defaultsKeepTheirYamlTypesAndNull() throws ConfigException {
        BridgeConfig config = Configs.parse(Configs.MINIMAL + """
                    defaults: { a: text, b: 42, c: 1.50, d: true, e: null, f: "7" }
                """);

        Map<String, Object> defaults = config.bindings().get(0).mapping().newDefaults();
        assertThat(defaults).containsEntry("a", "text").containsEntry("b", 42L)
                .containsEntry("c", new java.math.BigDecimal("1.50")).containsEntry("d", true)
                .containsEntry("e", null).containsEntry("f", "7");
        assertThat(defaults.keySet()).containsExactly("a", "b", "c", "d", "e", "f");
    }

    @Test
    void describeShowsTheEffectiveConfigurationWithSecretsHidden() throws ConfigException {
        BridgeConfig config = Configs.parse(Configs.FULL);

        assertThat(config.describe()).isEqualTo("""
                name: shop
                data-dir: /srv/shop/data
                kafka:
                  bootstrap: embedded
                  data-dir: /srv/shop/data/kafka
                  embedded-port: 9092
                  properties: {}
                  partitions: 3
                  replication-factor: 1
                systems:
                  legacy:
                    kind: postgresql
                    jdbc-url: jdbc:postgresql://localhost:5432/legacy
                    user: postgres
                    password: [hidden]
                  new:
                    kind: postgresql
                    jdbc-url: jdbc:postgresql://localhost:5432/newapp
                    user: postgres
                    password: (none)
                http:
                  address: 127.0.0.1:8080
                  token: (none)
                tuning:
                  capture-poll-interval: PT0.05S
                  capture-batch-size: 4096
                  apply-batch-size: 2000
                  heartbeat-interval: PT10S
                  retry-backoff-max: PT30S
                  slot-retained-warn: 1GiB
                  slot-probe-interval: PT15S
                  load-threads: 0
                  load-max-rows-per-second: 0
                bindings:
                  - name: customers
                    legacy: public.cust_mstr
                    new: public.customers
                    direction: legacy-to-new
                    mode: stream
                    strategy: (none)
                    key: [cust_id]
                    columns:
                      cust_id: id
                      cust_nm: full_name
                      stat_cd: { to: status, values: { A: active, I: inactive } }
                      crt_epoch: { to: created_at, convert: epoch-seconds-to-timestamp }
                      legacy_only_col: { ignore: true }
                    defaults: { source: legacy }
                    legacy-defaults: {}
                    mapper: { class: com.example.MyMapper, options: { k: v } }
                    conflict: (none)
                    batch: (none)""");
    }

    @Test
    void toStringsNeverPrintSecrets() throws ConfigException {
        BridgeConfig config = Configs.parse(Configs.FULL);

        assertThat(config.toString()).isEqualTo("BridgeConfig[shop, bindings=[customers]]");
        assertThat(config.legacySystem().toString()).doesNotContain(Configs.LEGACY_PASSWORD).contains("[hidden]");
        assertThat(config.bindings().get(0).toString())
                .isEqualTo("BindingOptions[customers (bindings[0]): public.cust_mstr -> public.customers, legacy-to-new, stream]");
    }
}
