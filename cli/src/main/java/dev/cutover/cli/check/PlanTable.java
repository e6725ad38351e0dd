package dev.cutover.cli.check;

import dev.cutover.config.BridgeConfig;
import dev.cutover.core.event.SystemSide;
import java.util.ArrayList;
import java.util.List;

/** Renders a bridge's plan as text: an overview table, then each binding's details. Pure. */
public final class PlanTable {

    private PlanTable() {
    }

    /** The whole plan, ending with a newline. */
    public static String render(BridgeConfig config, List<BindingPlan> plans) {
        StringBuilder out = new StringBuilder();
        out.append("Plan of bridge '").append(config.name()).append("': ").append(plans.size()).append(" binding")
                .append(plans.size() == 1 ? "" : "s").append('\n');
        for (SystemSide side : SystemSide.values()) {
            out.append("  ").append(side.label()).append(": ").append(config.system(side).kind().label()).append(' ')
                    .append(config.system(side).redactedJdbcUrl()).append('\n');
        }
        out.append("  kafka: ").append(config.kafka().embedded() ? "embedded broker in " + config.kafka().dataDir()
                : config.kafka().bootstrap()).append("\n\n");
        table(out, plans);
        for (BindingPlan p : plans) {
            out.append('\n').append(p.name()).append('\n');
            detail(out, "topics", p.topics().isEmpty() ? List.of("none") : p.topics());
            detail(out, "mapping", List.of(p.mapping()));
            detail(out, "conflicts", List.of(p.conflicts() == null ? "none (one system writes)" : p.conflicts()));
            detail(out, "initial load", p.initialLoad());
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<BindingPlan> plans) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"BINDING", "DIRECTION", "MODE", "LEGACY TABLE -> NEW TABLE"});
        for (BindingPlan p : plans) {
            rows.add(new String[] {p.name(), p.direction(), p.mode(), p.legacyTable() + " -> " + p.newTable()});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                out.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.append(row[3]).append('\n');
        }
    }

    private static void detail(StringBuilder out, String label, List<String> lines) {
        String head = "  " + label + ":";
        String pad = " ".repeat(16);
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? head + " ".repeat(pad.length() - head.length()) : pad).append(lines.get(i)).append('\n');
        }
    }
}
