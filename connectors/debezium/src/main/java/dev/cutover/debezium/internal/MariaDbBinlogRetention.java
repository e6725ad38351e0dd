package dev.cutover.debezium.internal;

import dev.cutover.debezium.BinlogPosition;
import dev.cutover.debezium.RetainedLog;
import dev.cutover.debezium.RetainedLogProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The binlog a MariaDB capture still has to read: from the position stored in its offset file to
 * the server's current end, the rest of the stored position's file plus every later file, as
 * {@code SHOW BINARY LOGS} sizes them. MariaDB keeps no state per reader, so this is also how much
 * binlog the capture needs the server to keep. Stateless and thread-safe.
 */
public final class MariaDbBinlogRetention implements RetainedLogProbe {

    private final Path offsetFile;

    public MariaDbBinlogRetention(Path offsetFile) {
        this.offsetFile = Objects.requireNonNull(offsetFile, "offsetFile");
    }

    @Override
    public Optional<RetainedLog> measure(Connection connection) throws SQLException, IOException {
        Optional<BinlogPosition> stored = StoredOffsets.binlogPosition(offsetFile);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        List<BinlogFile> files = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(new BinlogFile(rs.getString(1), rs.getLong(2)));
            }
        }
        return Optional.of(behind(stored.get(), files));
    }

    @Override
    public String holder() {
        return "stored binlog position in " + offsetFile.toAbsolutePath();
    }

    /**
     * The bytes from {@code position} to the end of the last of {@code files} (in the server's
     * order, oldest first).
     *
     * @throws SQLException when the server no longer has the position's file: it was purged, and
     *     the capture cannot resume from its position
     */
    static RetainedLog behind(BinlogPosition position, List<BinlogFile> files) throws SQLException {
        int at = 0;
        while (at < files.size() && !files.get(at).name().equals(position.file())) {
            at++;
        }
        if (at == files.size()) {
            throw new SQLException("binlog file " + position.file() + " of the stored position " + position.file() + ":"
                    + position.position() + " is no longer on the server (SHOW BINARY LOGS lists "
                    + (files.isEmpty() ? "none" : files.get(0).name() + " to " + files.get(files.size() - 1).name())
                    + "): it was purged, and the capture cannot resume from its position");
        }
        long bytes = Math.max(0, files.get(at).size() - position.position());
        for (BinlogFile later : files.subList(at + 1, files.size())) {
            bytes += later.size();
        }
        BinlogFile last = files.get(files.size() - 1);
        return new RetainedLog(bytes, position.file() + ":" + position.position(), last.name() + ":" + last.size());
    }

    /** One line of {@code SHOW BINARY LOGS}: a binlog file and its size in bytes. */
    record BinlogFile(String name, long size) {
    }
}
