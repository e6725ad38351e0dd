package dev.cutover.core.deadletter;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.SourcePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Which of two changes of one row came first at their source. Positions of the same log kind are
 * compared ({@code lsn}: PostgreSQL's {@code X/Y}; {@code binlog}: {@code file:position:row}), as
 * the log orders the changes of one row as they happened (a second writer of a row waits for the
 * first to commit); otherwise commit times. Needed because a change refused on the capture side
 * blocks its row at once, while older changes of the row may still be on their way to the applier.
 *
 * <p>Stateless; thread-safe.
 */
final class SourceOrder {

    private SourceOrder() {
    }

    /** Negative when {@code a} certainly came before {@code b}, positive when after, 0 when it cannot be told. */
    static int compare(ChangeEvent a, ChangeEvent b) {
        SourcePosition pa = a.position();
        SourcePosition pb = b.position();
        if (pa.kind().equals(pb.kind())) {
            Integer byPosition = comparePositions(pa, pb);
            if (byPosition != null) {
                return byPosition;
            }
        }
        return a.commitTime().compareTo(b.commitTime());
    }

    /**
     * {@code items} in source order, ties kept in their given order. A selection rather than a
     * sort: the order is partial (positions of other kinds fall back to commit times).
     */
    static <T> List<T> sorted(List<T> items, Function<T, ChangeEvent> change) {
        List<T> rest = new ArrayList<>(items);
        List<T> out = new ArrayList<>(items.size());
        Comparator<T> order = (x, y) -> compare(change.apply(x), change.apply(y));
        while (!rest.isEmpty()) {
            int first = 0;
            for (int i = 1; i < rest.size(); i++) {
                if (order.compare(rest.get(i), rest.get(first)) < 0) {
                    first = i;
                }
            }
            out.add(rest.remove(first));
        }
        return out;
    }

    /** The order of two positions of one kind, or null when the kind is unknown or a value does not parse. */
    private static Integer comparePositions(SourcePosition a, SourcePosition b) {
        try {
            return switch (a.kind()) {
                case "lsn" -> Long.compareUnsigned(lsn(a.value()), lsn(b.value()));
                case "binlog" -> compareBinlog(a.value(), b.value());
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long lsn(String value) {
        int slash = value.indexOf('/');
        return (Long.parseLong(value.substring(0, slash), 16) << 32) | Long.parseLong(value.substring(slash + 1), 16);
    }

    private static int compareBinlog(String a, String b) {
        String[] x = splitBinlog(a);
        String[] y = splitBinlog(b);
        int byFile = x[0].compareTo(y[0]);
        if (byFile != 0) {
            return byFile;
        }
        int byPosition = Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
        return byPosition != 0 ? byPosition : Integer.compare(Integer.parseInt(x[2]), Integer.parseInt(y[2]));
    }

    /** {@code file:position:row}, split from the right (a file name may hold a colon). */
    private static String[] splitBinlog(String value) {
        int row = value.lastIndexOf(':');
        int position = value.lastIndexOf(':', row - 1);
        return new String[] {value.substring(0, position), value.substring(position + 1, row), value.substring(row + 1)};
    }
}
