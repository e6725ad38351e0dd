package dev.cutover.cli.check;

import dev.cutover.config.BridgeConfig;
import dev.cutover.config.DatabaseKind;
import dev.cutover.config.Secret;
import dev.cutover.config.SystemOptions;
import dev.cutover.core.event.SystemSide;
import dev.cutover.jdbc.JdbcConnectionFactory;
import dev.cutover.runtime.BindingCompiler;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the preflight checks share about one bridge: its configuration, a connection factory per
 * system, whether each system could be reached, the bindings reviewed against the real tables,
 * and where its captures keep their state. Computed on first use, once. Not thread-safe: the
 * checks run one after the other.
 */
public final class CheckContext {

    private final BridgeConfig config;
    private final Map<SystemSide, JdbcConnectionFactory> connections = new EnumMap<>(SystemSide.class);
    private final Map<SystemSide, Reach> reach = new EnumMap<>(SystemSide.class);
    private final CaptureLayout layout;
    private List<ReviewedBinding> reviews;

    /** Whether a system answered: its product version, or why it did not. */
    record Reach(String version, String error, String sqlState) {
    }

    public CheckContext(BridgeConfig config) {
        this.config = config;
        this.layout = new CaptureLayout(config);
    }

    public BridgeConfig config() {
        return config;
    }

    /** The connection factory of a system, as the service builds it. */
    public JdbcConnectionFactory connections(SystemSide side) {
        return connections.computeIfAbsent(side, s -> BindingCompiler.connections(config.system(s)));
    }

    /** Opens a connection to a system; the caller closes it. */
    public Connection connect(SystemSide side) throws SQLException {
        return connections(side).open();
    }

    /** The captures of systems of {@code kind} that answered; checks of an unreachable system report nothing more. */
    public List<CaptureLayout.Capture> reachableCaptures(DatabaseKind kind) {
        return layout().captures().stream()
                .filter(c -> config().system(c.side()).kind() == kind && reachable(c.side()))
                .toList();
    }

    /** True when a connection to the system could be opened; checks of an unreachable system report nothing more. */
    public boolean reachable(SystemSide side) {
        return reach(side).error() == null;
    }

    /** Tries the system once and remembers the answer. */
    Reach reach(SystemSide side) {
        return reach.computeIfAbsent(side, s -> {
            try (Connection c = connect(s)) {
                var meta = c.getMetaData();
                return new Reach(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion(), null, null);
            } catch (SQLException e) {
                return new Reach(null, e.getMessage(), e.getSQLState());
            }
        });
    }

    /** Every binding with its tables read and its mapping compiled, reviewed on first call. */
    public List<ReviewedBinding> reviews() {
        if (reviews == null) {
            reviews = MappingReview.review(config);
        }
        return reviews;
    }

    /** Where the captures of the bridge keep their state and what they publish. */
    public CaptureLayout layout() {
        return layout;
    }

    /** The configuration path of a system: {@code systems.legacy} or {@code systems.new}. */
    public static String systemPath(SystemSide side) {
        return "systems." + side.label();
    }

    /** {@code text} with every configured password replaced by {@value Secret#HIDDEN}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets()) {
            result = result.replace(secret, Secret.HIDDEN);
        }
        return result;
    }

    private List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        for (SystemSide side : SystemSide.values()) {
            SystemOptions system = config.system(side);
            if (system.password() != null && !system.password().reveal().isEmpty()) {
                secrets.add(system.password().reveal());
            }
        }
        return secrets;
    }
}
