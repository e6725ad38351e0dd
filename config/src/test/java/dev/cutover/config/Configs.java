package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.util.Map;

/** Parses configuration text in memory, with a fake environment, for tests. */
final class Configs {

    /** Where test configurations claim to come from; nothing is read there. */
    static final Path FILE = Path.of("/srv/shop/cutover.yaml");

    /** The smallest valid configuration. */
    static final String MINIMAL = """
            name: shop
            systems:
              legacy: { kind: postgresql, jdbc-url: "jdbc:postgresql://localhost:5432/legacy" }
              new: { kind: postgresql, jdbc-url: "jdbc:postgresql://localhost:5432/newapp" }
            bindings:
              - legacy: public.cust_mstr
                new: public.customers
                direction: legacy-to-new
            """;

    /** The example from the project's brief, every key used. */
    static final String FULL = """
            name: shop                          # bridge id
            data-dir: ./data
            kafka:
              bootstrap: embedded
              data-dir: ./data/kafka
              properties: {}
              partitions: 3
              replication-factor: 1
            systems:
              legacy: { kind: postgresql, jdbc-url: "jdbc:postgresql://localhost:5432/legacy", user: postgres, password: "${env:LEGACY_PASSWORD}" }
              new:    { kind: postgresql, jdbc-url: "jdbc:postgresql://localhost:5432/newapp", user: postgres }
            http: { address: "127.0.0.1:8080" }
            tuning: { capture-poll-interval: PT0.05S, capture-batch-size: 4096, apply-batch-size: 2000, heartbeat-interval: PT10S }
            bindings:
              - name: customers
                legacy: public.cust_mstr
                new: public.customers
                direction: legacy-to-new
                mode: stream
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
            """;

    static final String LEGACY_PASSWORD = "pa55-w0rd-legacy";
    static final Map<String, String> ENVIRONMENT = Map.of("LEGACY_PASSWORD", LEGACY_PASSWORD);

    private Configs() {
    }

    static BridgeConfig parse(String yaml) throws ConfigException {
        return parse(yaml, ENVIRONMENT);
    }

    static BridgeConfig parse(String yaml, Map<String, String> environment) throws ConfigException {
        return ConfigLoader.parse(yaml, FILE, SecretResolver.fromEnvironment(environment));
    }

    /** The exception {@code yaml} must fail with. */
    static ConfigException rejection(String yaml) {
        return rejection(yaml, ENVIRONMENT);
    }

    static ConfigException rejection(String yaml, Map<String, String> environment) {
        return assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> parse(yaml, environment)).actual();
    }
}
