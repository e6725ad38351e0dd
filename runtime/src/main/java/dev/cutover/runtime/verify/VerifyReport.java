package dev.cutover.runtime.verify;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.mapping.TableMapping;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes what {@code cutover verify} found, binding by binding, for the people who maintain both
 * systems: the counts, example keys with the differing columns and both values, and a summary.
 * Values are table data; nothing from the configuration but binding and table names is printed.
 * Not thread-safe.
 */
public final class VerifyReport {

    /** Longest value shown in full; longer ones are cut, since a drift report is read, not parsed. */
    static final int MAX_VALUE_LENGTH = 80;

    private final PrintWriter out;
    private int equal;
    private int drifted;
    private int skipped;

    public VerifyReport(PrintWriter out) {
        this.out = out;
    }

    /** Reports a {@code separate} binding, whose tables are not expected to agree. */
    public void skipped(BindingOptions binding) {
        skipped++;
        out.println(header(binding, binding.legacyTable() + " -> " + binding.newTable()));
        out.println("  skipped: strategy " + binding.strategy().label() + ", the data is separate by design");
    }

    /** Reports the comparison of one binding's tables. */
    public void compared(BindingOptions binding, TableMapping mapping, Drift drift) {
        out.println(header(binding, mapping.legacySchema().table() + " -> " + mapping.newSchema().table()));
        out.println("  rows compared: " + drift.compared() + ", equal: " + drift.equal() + ", only in legacy: "
                + drift.onlyInLegacy() + ", only in new: " + drift.onlyInNew() + ", differing: " + drift.differing()
                + (drift.unmappable() == 0 ? "" : ", unmappable legacy rows: " + drift.unmappable()));
        for (Drift.Kind kind : Drift.Kind.values()) {
            examples(kind, drift);
        }
        if (drift.inSync()) {
            equal++;
            out.println("  result: equal");
        } else {
            drifted++;
            // A binding that syncs may be caught mid-flight; a none binding's drift is real.
            out.println("  result: drift" + (binding.synced()
                    ? " (the binding syncs: changes not yet applied show here too; verify again to confirm)" : ""));
        }
    }

    /** Writes the closing line: how many bindings were equal, drifted and skipped. */
    public void summary() {
        out.println("verify: " + (equal + drifted) + " binding" + (equal + drifted == 1 ? "" : "s") + " compared, "
                + equal + " equal, " + drifted + " with drift; " + skipped + " skipped");
        out.flush();
    }

    /** True when any compared binding drifted. */
    public boolean drift() {
        return drifted > 0;
    }

    private static String header(BindingOptions binding, String tables) {
        String how = binding.synced() ? binding.direction().label()
                : binding.direction().label() + ", " + binding.strategy().label();
        return binding.name() + " (" + how + "): " + tables;
    }

    private void examples(Drift.Kind kind, Drift drift) {
        List<Drift.Example> shown = drift.examples().stream().filter(e -> e.kind() == kind).toList();
        for (Drift.Example e : shown) {
            out.println("  " + kind.label() + " " + (kind == Drift.Kind.UNMAPPABLE ? "legacy " : "") + e.key() + detail(e));
        }
        long more = count(kind, drift) - shown.size();
        if (more > 0) {
            out.println("  ... and " + more + " more " + kind.label());
        }
    }

    private static String detail(Drift.Example e) {
        if (e.problem() != null) {
            return ": " + e.problem().replace('\n', ' ');
        }
        if (e.columns().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(":");
        for (Drift.ColumnDifference c : e.columns()) {
            sb.append(sb.length() == 1 ? " " : "; ").append(c.column())
                    .append(c.legacyColumn() == null ? "" : " (from " + c.legacyColumn() + ")")
                    .append(": legacy ").append(show(c.legacyValue())).append(", new ").append(show(c.newValue()));
        }
        return sb.toString();
    }

    private static long count(Drift.Kind kind, Drift drift) {
        return switch (kind) {
            case DIFFERING -> drift.differing();
            case ONLY_IN_LEGACY -> drift.onlyInLegacy();
            case ONLY_IN_NEW -> drift.onlyInNew();
            case UNMAPPABLE -> drift.unmappable();
        };
    }

    /** A value as people read it: text quoted, bytes by length, long values cut. */
    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[] bytes) {
            return "bytes[" + bytes.length + "]";
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (text.length() > MAX_VALUE_LENGTH) {
            text = text.substring(0, MAX_VALUE_LENGTH) + "...";
        }
        return value instanceof String ? "'" + text + "'" : text;
    }
}
