package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    private static final String KAFKA_SECRET = "kafka-s3cr3t-value";
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"jaas-pw\";";

    @Test
    void secretPrintsHiddenAndRevealsItsValue() {
        Secret secret = Secret.of("hunter2");

        assertThat(secret).hasToString("[hidden]");
        assertThat(secret.reveal()).isEqualTo("hunter2");
        assertThat(secret).isEqualTo(Secret.of("hunter2")).isNotEqualTo(Secret.of("hunter3"));
    }

    @Test
    void environmentReferenceResolvesFromTheInjectedEnvironment() throws ConfigException {
        BridgeConfig config = Configs.parse(Configs.FULL, Map.of("LEGACY_PASSWORD", "from-env"));

        assertThat(config.legacySystem().password().reveal()).isEqualTo("from-env");
    }

    @Test
    void referencesResolveInsideAnyStringAndDollarDollarIsLiteral() throws ConfigException {
        BridgeConfig config = Configs.parse(Configs.MINIMAL.replace("localhost:5432/legacy", "${env:PGHOST}:5432/legacy")
                + "    columns: { a: 'cost_$${x}' }\n", Map.of("PGHOST", "db.internal"));

        assertThat(config.legacySystem().jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/legacy");
        assertThat(config.bindings().get(0).mapping().columns().get(0).newColumn()).isEqualTo("cost_${x}");
    }

    @Test
    void fileReferenceIsRelativeToTheConfigurationDirectoryWithTrailingNewlineTrimmed(@TempDir Path dir)
            throws IOException, ConfigException {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/legacy.pw"), "file-pw \n\n");
        Path file = dir.resolve("cutover.yaml");
        Files.writeString(file, Configs.FULL.replace("${env:LEGACY_PASSWORD}", "${file:secrets/legacy.pw}"));

        BridgeConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.legacySystem().password().reveal()).as("only line breaks are trimmed").isEqualTo("file-pw ");
        assertThat(config.dataDir()).isEqualTo(dir.resolve("data"));
    }

    @Test
    void missingFileIsAProblemWithItsPath(@TempDir Path dir) {
        String yaml = Configs.FULL.replace("${env:LEGACY_PASSWORD}", "${file:nope.pw}");

        ConfigException e = Configs.rejection(yaml);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("systems.legacy.password");
            assertThat(p.message()).isEqualTo("cannot resolve ${file:nope.pw}: file /srv/shop/nope.pw does not exist");
        });
    }

    @Test
    void missingVariableIsAProblemWithItsPath() {
        ConfigException e = Configs.rejection(Configs.FULL, Map.of());

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("systems.legacy.password");
            assertThat(p.message()).isEqualTo("cannot resolve ${env:LEGACY_PASSWORD}: environment variable LEGACY_PASSWORD is not set");
        });
    }

    @Test
    void describeHidesPasswordsSensitivePropertiesReferencedValuesAndUrlCredentials() throws ConfigException {
        BridgeConfig config = Configs.parse(withSecretsEverywhere(), environment());

        String described = config.describe();

        assertThat(described).doesNotContain(Configs.LEGACY_PASSWORD, KAFKA_SECRET, "jaas-pw", "url-pw", "opt-secret", "token-pw")
                .contains("token: [hidden]", "password: [hidden]", "sasl.jaas.config: [hidden]", "ssl.truststore.password: [hidden]",
                        "client.id: [hidden]", "security.protocol: SASL_SSL",
                        "jdbc:postgresql://localhost:5432/newapp?sslmode=require&password=[hidden]",
                        "options: { api_secret: [hidden], endpoint: [hidden], region: eu }");
        assertThat(config.kafka().toString()).doesNotContain(KAFKA_SECRET, "jaas-pw");
        assertThat(config.newSystem().toString()).doesNotContain("url-pw");
        assertThat(config.http().toString()).doesNotContain("http-token-pw").contains(Secret.HIDDEN);
        assertThat(config.http().token().reveal()).as("the endpoint still gets the real token").isEqualTo("http-token-pw");
        assertThat(config.kafka().properties()).as("clients still get the real values")
                .containsEntry("client.id", KAFKA_SECRET).containsEntry("sasl.jaas.config", JAAS);
    }

    @Test
    void noProblemMessageContainsASecretValue() {
        // Every secret is present and resolvable, and each key that holds one is also made invalid nearby.
        String yaml = withSecretsEverywhere()
                .replace("kind: postgresql, jdbc-url: \"jdbc:postgresql://localhost:5432/newapp",
                        "kind: postgresql, jdbc-url: \"jdbc:mysql://localhost:5432/newapp")
                .replace("security.protocol: SASL_SSL", "security.protocol: SASL_SSL, group.id: '${env:KAFKA_SECRET}'")
                .replace("name: shop", "name: '${env:KAFKA_SECRET}'")
                .replace("password: \"${env:LEGACY_PASSWORD}\"", "password: \"${env:LEGACY_PASSWORD}\", pasword: '" + Configs.LEGACY_PASSWORD + "'");

        ConfigException e = Configs.rejection(yaml, environment());

        assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(e.getMessage()).doesNotContain(Configs.LEGACY_PASSWORD, KAFKA_SECRET, "jaas-pw", "url-pw")
                .contains("systems.new.jdbc-url", "password=[hidden]", "kafka.properties.group.id", "name: must match",
                        "'${env:KAFKA_SECRET}'", "systems.legacy.pasword: unknown key");
    }

    @Test
    void literalPasswordOfTheWrongTypeIsNotQuoted() {
        ConfigException e = Configs.rejection(Configs.FULL.replace("\"${env:LEGACY_PASSWORD}\"", "987654321"));

        assertThat(e.getMessage()).contains("systems.legacy.password: expected a string, got an integer")
                .doesNotContain("987654321");
    }

    private static Map<String, String> environment() {
        return Map.of("LEGACY_PASSWORD", Configs.LEGACY_PASSWORD, "KAFKA_SECRET", KAFKA_SECRET, "TOKEN", "token-pw", "HTTP_TOKEN", "http-token-pw");
    }

    private static String withSecretsEverywhere() {
        return Configs.FULL
                .replace("jdbc:postgresql://localhost:5432/newapp", "jdbc:postgresql://localhost:5432/newapp?sslmode=require&password=url-pw")
                .replace("bootstrap: embedded", "bootstrap: 'k1:9092'")
                .replace("  data-dir: ./data/kafka\n", "")
                .replace("properties: {}", "properties: { security.protocol: SASL_SSL, sasl.jaas.config: '" + JAAS
                        + "', ssl.truststore.password: plain-literal, client.id: '${env:KAFKA_SECRET}' }")
                .replace("options: { k: v }", "options: { region: eu, api_secret: opt-secret, endpoint: '${env:TOKEN}' }")
                .replace("http: { address: \"127.0.0.1:8080\" }", "http: { address: \"127.0.0.1:8080\", token: \"${env:HTTP_TOKEN}\" }");
    }
}
