package dev.cutover.cli.check;

import dev.cutover.config.BindingOptions;
import dev.cutover.core.binding.Direction;
import dev.cutover.core.binding.SyncMode;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import java.util.List;

/** Which systems a binding reads and writes, and which of them the service captures from the database log. Stateless. */
public final class BindingSides {

    private BindingSides() {
    }

    /** The systems whose tables the binding writes: the target of each direction it syncs. */
    public static List<SystemSide> written(BindingOptions binding) {
        return binding.direction().targets();
    }

    /** The systems whose tables the binding reads changes from: the source of each direction it syncs. */
    public static List<SystemSide> read(BindingOptions binding) {
        return written(binding).stream().map(SystemSide::opposite).toList();
    }

    /**
     * The systems the service captures this binding's changes from, through logical decoding (or a
     * binlog): the systems it reads when it streams; none when it copies in batches.
     */
    public static List<SystemSide> captured(BindingOptions binding) {
        return binding.mode() == SyncMode.STREAM ? read(binding) : List.of();
    }

    /** The binding's table on {@code side}. */
    public static TableId table(BindingOptions binding, SystemSide side) {
        return side == SystemSide.LEGACY ? binding.legacyTable() : binding.newTable();
    }

    /** True for a binding whose both systems take writes. */
    public static boolean twoWay(BindingOptions binding) {
        return binding.direction() == Direction.TWO_WAY;
    }
}
