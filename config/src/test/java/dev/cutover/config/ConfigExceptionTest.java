package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigExceptionTest {

    @Test
    void messageNamesFileLineColumnPathAndReason() {
        String yaml = Configs.FULL.replace("values: { A: active, I: inactive }", "values: [A, I]");

        ConfigException e = assertThatExceptionOfType(ConfigException.class).isThrownBy(() ->
                ConfigLoader.parse(yaml, Path.of("cutover.yaml"), SecretResolver.fromEnvironment(Configs.ENVIRONMENT))).actual();

        assertThat(e.getMessage()).isEqualTo("cutover.yaml:24:38: bindings[0].columns.stat_cd.values: "
                + "expected a map of legacy value -> new value, got a list");
        assertThat(e.source()).isEqualTo("cutover.yaml");
        assertThat(e.problems()).containsExactly(new ConfigProblem("bindings[0].columns.stat_cd.values",
                "expected a map of legacy value -> new value, got a list", 24, 38));
    }

    @Test
    void everyProblemIsReportedOnePerLineInFileOrder() {
        String yaml = Configs.FULL
                .replace("name: shop", "name: Shop")
                .replace("partitions: 3", "partitions: 0")
                .replace("kind: postgresql, jdbc-url: \"jdbc:postgresql://localhost:5432/newapp\"", "kind: mysql, jdbc-url: \"x\"")
                .replace("direction: legacy-to-new", "direction: sideways")
                .replace("convert: epoch-seconds-to-timestamp", "convert: nope");

        ConfigException e = Configs.rejection(yaml);

        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("name", "kafka.partitions",
                "systems.new.kind", "bindings[0].direction", "bindings[0].columns.crt_epoch.convert");
        assertThat(e.getMessage().lines()).hasSize(5).allMatch(line -> line.startsWith("/srv/shop/cutover.yaml:"));
    }

    @Test
    void problemWithoutPositionOrPathFormatsWithoutThem() {
        assertThat(new ConfigProblem("", "the configuration file is empty").format("c.yaml"))
                .isEqualTo("c.yaml: the configuration file is empty");
        assertThat(new ConfigProblem("name", "missing required key", 1, 1).format("c.yaml"))
                .isEqualTo("c.yaml:1:1: name: missing required key");
    }

    @Test
    void loadReadsTheFileAndResolvesPathsAgainstItsDirectory(@TempDir Path dir) throws IOException, ConfigException {
        Path file = dir.resolve("conf/cutover.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Configs.FULL);

        BridgeConfig config = ConfigLoader.load(file, Configs.ENVIRONMENT);

        assertThat(config.dataDir()).isEqualTo(dir.resolve("conf/data"));
        assertThat(config.kafka().dataDir()).isEqualTo(dir.resolve("conf/data/kafka"));
    }

    @Test
    void missingFileIsOneProblem(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");

        assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .withMessage(file + ": the configuration file does not exist");
    }
}
