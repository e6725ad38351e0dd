package dev.cutover.debezium;

import java.util.Comparator;
import java.util.Objects;

/**
 * A position in a MariaDB (or MySQL) binary log: the log file, the byte offset of the event in
 * it, and the row within that event (a rows event holds every row one statement changed in one
 * table).
 *
 * <p>Printed as {@code file:position:row}, e.g. {@code mariadb-bin.000003:1234:0}, the file and
 * position as {@code SHOW BINLOG EVENTS} and {@code mariadb-binlog} take them. Ordered by file
 * (whose numbered suffix grows), then position, then row. Immutable.
 *
 * @param file the binlog file name, without directory
 * @param position the byte offset of the event within the file
 * @param row the 0-based row within the event
 */
public record BinlogPosition(String file, long position, int row) implements Comparable<BinlogPosition> {

    /** The kind of a {@link dev.cutover.core.event.SourcePosition} holding a binlog position. */
    public static final String KIND = "binlog";

    private static final Comparator<BinlogPosition> ORDER = Comparator.comparing(BinlogPosition::file)
            .thenComparingLong(BinlogPosition::position).thenComparingInt(BinlogPosition::row);

    public BinlogPosition {
        Objects.requireNonNull(file, "file");
        if (file.isEmpty() || file.indexOf(':') >= 0) {
            throw new IllegalArgumentException("'" + file + "' is not a binlog file name");
        }
        if (position < 0 || row < 0) {
            throw new IllegalArgumentException("binlog position " + position + " and row " + row + " must not be negative");
        }
    }

    /**
     * Parses {@code file:position:row}.
     *
     * @throws IllegalArgumentException when {@code text} is not of that form
     */
    public static BinlogPosition parse(String text) {
        int second = text == null ? -1 : text.lastIndexOf(':');
        int first = second <= 0 ? -1 : text.lastIndexOf(':', second - 1);
        if (first <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a binlog position of the form mariadb-bin.000003:1234:0");
        }
        try {
            return new BinlogPosition(text.substring(0, first), Long.parseLong(text.substring(first + 1, second)),
                    Integer.parseInt(text.substring(second + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a binlog position of the form mariadb-bin.000003:1234:0", e);
        }
    }

    @Override
    public int compareTo(BinlogPosition other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return file + ":" + position + ":" + row;
    }
}
