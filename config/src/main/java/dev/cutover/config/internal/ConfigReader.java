package dev.cutover.config.internal;

import dev.cutover.config.BridgeConfig;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Composes YAML text into nodes (keeping line and column marks) and reads them into a
 * {@link BridgeConfig}. Stateless and thread-safe.
 */
public final class ConfigReader {

    private ConfigReader() {
    }

    /**
     * Reads a configuration.
     *
     * @param yaml the file's text
     * @param label the file's name, for SnakeYAML's own bookkeeping
     * @return the configuration, or null when {@code ctx} has problems
     */
    public static BridgeConfig read(String yaml, String label, ParseContext ctx) {
        Node root = compose(yaml, label, ctx);
        if (root == null) {
            return null;
        }
        if (!(root instanceof MappingNode mapping)) {
            ctx.mismatch(root, "", "a map of configuration keys at the top level");
            return null;
        }
        return RootSection.read(mapping, ctx);
    }

    private static Node compose(String yaml, String label, ParseContext ctx) {
        // The YAML 1.2 core schema: ~ and empty are null, True/TRUE are booleans, 0x1F is an integer.
        LoadSettings settings = LoadSettings.builder().setLabel(label).setSchema(new CoreSchema()).setUseMarks(true).build();
        try {
            Optional<Node> root = new Compose(settings).composeString(yaml);
            if (root.isEmpty()) {
                ctx.problem(null, "", "the configuration file is empty");
            }
            return root.orElse(null);
        } catch (MarkedYamlEngineException e) {
            // getMessage() would add a snippet of the file, which may hold a literal secret: keep only the problem.
            String context = e.getContext() == null || e.getContext().isBlank() ? "" : e.getContext() + ": ";
            ctx.problemAt(e.getProblemMark().orElse(null), "", "invalid YAML: " + context + e.getProblem());
            return null;
        } catch (YamlEngineException e) {
            ctx.problem(null, "", "invalid YAML: " + e.getMessage());
            return null;
        }
    }
}
