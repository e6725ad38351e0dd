package dev.cutover.config.diff;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.ConfigException;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.SecretResolver;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Builds bridge configurations from YAML through the real loader, for plan tests. */
final class Bridges {

    static final String LEGACY_PASSWORD = "s3cret-legacy-pw";

    /** Everything but the bindings. */
    static final String HEAD = """
            name: shop
            systems:
              legacy: { kind: postgresql, jdbc-url: "jdbc:postgresql://localhost:5432/legacy", password: "${env:LEGACY_PASSWORD}" }
              new: { kind: postgresql, jdbc-url: "jdbc:postgresql://localhost:5432/newapp" }
            """;

    private Bridges() {
    }

    /** A bridge with {@link #HEAD} and the given bindings, each from {@link #binding}. */
    static BridgeConfig bridge(String... bindings) {
        return parse(HEAD, LEGACY_PASSWORD, bindings);
    }

    /** A bridge with the given head, the legacy password {@code password}, and the bindings. */
    static BridgeConfig parse(String head, String password, String... bindings) {
        String yaml = head + "bindings:\n" + String.join("", Arrays.stream(bindings).map(b -> b.indent(2)).toList());
        try {
            return ConfigLoader.parse(yaml, Path.of("/srv/shop/cutover.yaml"),
                    SecretResolver.fromEnvironment(Map.of("LEGACY_PASSWORD", password)));
        } catch (ConfigException e) {
            throw new AssertionError("test configuration does not load: " + e.getMessage() + "\n" + yaml, e);
        }
    }

    /**
     * A binding {@code name} between {@code public.<name>_old} and {@code public.<name>}, with
     * further keys {@code extra}, one per line.
     */
    static String binding(String name, String direction, String... extra) {
        return tables(name, name + "_old", name, direction, extra);
    }

    /** A binding {@code name} between {@code public.<legacy>} and {@code public.<neu>}. */
    static String tables(String name, String legacy, String neu, String direction, String... extra) {
        StringBuilder b = new StringBuilder("- name: " + name + "\n  legacy: public." + legacy + "\n  new: public." + neu
                + "\n  direction: " + direction + "\n");
        Arrays.stream(extra).forEach(line -> b.append("  ").append(line).append('\n'));
        return b.toString();
    }
}
