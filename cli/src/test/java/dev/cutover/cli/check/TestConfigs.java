package dev.cutover.cli.check;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.ConfigException;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.SecretResolver;
import java.nio.file.Path;
import java.util.Map;

/** Configurations for unit tests, parsed from text; nothing is read from disk or a database. */
final class TestConfigs {

    static final Path FILE = Path.of("/srv/cutover/cutover.yaml");

    private TestConfigs() {
    }

    /** A bridge {@code shop} on two PostgreSQL databases with an embedded broker and the given bindings. */
    static BridgeConfig shop(String bindingsYaml) throws ConfigException {
        String yaml = """
                name: shop
                kafka: { bootstrap: embedded }
                systems:
                  legacy: { kind: postgresql, jdbc-url: "jdbc:postgresql://db1:5432/erp", user: erp, password: "s3cret-Pw" }
                  new:    { kind: postgresql, jdbc-url: "jdbc:postgresql://db2:5432/shop", user: shop }
                bindings:
                %s""".formatted(bindingsYaml.indent(2));
        return ConfigLoader.parse(yaml, FILE, SecretResolver.fromEnvironment(Map.of()));
    }
}
