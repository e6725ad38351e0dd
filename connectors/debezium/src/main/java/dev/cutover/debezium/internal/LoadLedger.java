package dev.cutover.debezium.internal;

import dev.cutover.core.event.TableId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The file next to a capture's offset file ({@code <offset file>.snapshots}) that records for
 * which tables the capture has asked Debezium to load the existing rows, so that a restart does
 * not ask again for a load that finished or is in progress (Debezium resumes a load in progress
 * from its stored offsets by itself).
 *
 * <p>One table per line, schema and table separated by a tab (names cannot contain control
 * characters); lines starting with {@code #} are comments. Written atomically: a new file
 * replaces the old one by a rename, so a crash leaves either the old or the new content.
 *
 * <p>Not thread-safe; a capture reads it before its engine starts and writes it from the engine's
 * polling thread.
 */
public final class LoadLedger {

    /** Appended to the offset file's name. */
    public static final String SUFFIX = ".snapshots";

    private static final String HEADER = "# Tables whose existing rows this capture asked Debezium to load (schema<TAB>table)."
            + " Delete it only together with the offset file.\n";
    private static final Comparator<TableId> ORDER = Comparator.comparing(TableId::schema).thenComparing(TableId::table);

    private final Path file;

    private LoadLedger(Path file) {
        this.file = file;
    }

    /** The ledger of the capture whose offsets are kept in {@code offsetFile}. */
    public static LoadLedger besides(Path offsetFile) {
        Path absolute = offsetFile.toAbsolutePath();
        return new LoadLedger(absolute.resolveSibling(absolute.getFileName() + SUFFIX));
    }

    public Path file() {
        return file;
    }

    /**
     * The recorded tables; empty when the file does not exist.
     *
     * @throws IOException when the file cannot be read or a line is not {@code schema<TAB>table}
     */
    public Set<TableId> read() throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return new TreeSet<>(ORDER);
        } catch (IllegalArgumentException e) {
            throw new IOException("load ledger " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Replaces the recorded tables with {@code tables}, atomically and durably. */
    public void write(Collection<TableId> tables) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(format(tables).getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The file's content for {@code tables}, sorted by schema and table. */
    static String format(Collection<TableId> tables) {
        Set<TableId> sorted = new TreeSet<>(ORDER);
        sorted.addAll(tables);
        StringBuilder sb = new StringBuilder(HEADER);
        for (TableId t : sorted) {
            sb.append(t.schema()).append('\t').append(t.table()).append('\n');
        }
        return sb.toString();
    }

    /**
     * The tables of a file's content.
     *
     * @throws IllegalArgumentException naming the line that is not {@code schema<TAB>table}
     */
    static Set<TableId> parse(String content) {
        Set<TableId> tables = new TreeSet<>(ORDER);
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            if (parts.length != 2 || parts[1].isEmpty()) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not schema<TAB>table");
            }
            tables.add(new TableId(parts[0], parts[1]));
        }
        return tables;
    }
}
