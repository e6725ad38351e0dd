package dev.cutover.config.diff;

import dev.cutover.config.BindingOptions;
import dev.cutover.config.BridgeConfig;
import dev.cutover.core.event.TableId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Whether a binding that takes up tables in a reload (added, or moved onto other tables) finds them
 * free: no other binding of the next file may read its legacy table or write its new table, nor may
 * a running binding that moves off them in the same reload, since the two would overlap while the
 * reload applies. A binding removed in the same reload releases its tables first.
 */
final class TableClaims {

    private final BridgeConfig running;
    private final BridgeConfig next;

    TableClaims(BridgeConfig running, BridgeConfig next) {
        this.running = running;
        this.next = next;
    }

    /** One refusal per table of {@code binding} that another binding holds. */
    List<Refusal> check(BindingOptions binding) {
        return Stream.of(claim(binding, ".legacy", BindingOptions::legacyTable, "read"),
                claim(binding, ".new", BindingOptions::newTable, "written")).flatMap(Optional::stream).toList();
    }

    private Optional<Refusal> claim(BindingOptions binding, String key, Function<BindingOptions, TableId> table, String verb) {
        TableId wanted = table.apply(binding);
        String path = binding.path() + key;
        Optional<Refusal> inNext = next.bindings().stream()
                .filter(other -> !other.name().equals(binding.name()) && table.apply(other).equals(wanted))
                .findFirst()
                .map(other -> new Refusal(path, "table " + wanted + " is already " + verb + " by binding " + other.name()
                        + " (" + other.path() + ")"));
        return inNext.or(() -> running.bindings().stream()
                .filter(other -> !other.name().equals(binding.name()) && table.apply(other).equals(wanted)
                        && next.binding(other.name()).isPresent())
                .findFirst()
                .map(other -> new Refusal(path, "table " + wanted + " is still " + verb + " by the running binding "
                        + other.name() + ", which moves off it in this reload; change one thing at a time: first move "
                        + other.name() + ", then bind the table to " + binding.name())));
    }
}
