package dev.cutover.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An exclusive operating-system lock on a bridge's state directories, held from before anything
 * touches them until the bridge stops. Two bridges on one data directory would both start the
 * embedded Kafka controller on the same metadata log and both commit offsets to the same files;
 * Kafka's own directory lock is taken too late to prevent the first. The lock file names its
 * holder (process id, bridge, start time), so the one refused can say who has it.
 *
 * <p>The lock is released when {@link #close} is called or the process dies (the kernel drops it,
 * so a {@code kill -9} leaves nothing to clean up). Thread-safe; {@link #close} is idempotent.
 */
public final class DataDirLock implements AutoCloseable {

    /** The lock file's name inside each locked directory. */
    public static final String FILE_NAME = "cutover.lock";

    private final List<Held> held;

    private record Held(Path file, FileChannel channel, FileLock lock) {
    }

    private DataDirLock(List<Held> held) {
        this.held = held;
    }

    /**
     * Locks each directory (created when missing), in order; either all are locked or none is.
     *
     * @param bridge the bridge's name, written into the lock file for whoever is refused next
     * @throws DataDirLockedException when another process (or another bridge of this process) holds one
     * @throws IOException when a directory or its lock file cannot be created or opened
     */
    public static DataDirLock acquire(String bridge, List<Path> directories) throws IOException, DataDirLockedException {
        Set<Path> distinct = new LinkedHashSet<>();
        directories.forEach(d -> distinct.add(d.toAbsolutePath().normalize()));
        List<Held> held = new ArrayList<>();
        try {
            for (Path dir : distinct) {
                held.add(lock(dir, bridge));
            }
        } catch (IOException | DataDirLockedException | RuntimeException e) {
            held.forEach(DataDirLock::release);
            throw e;
        }
        return new DataDirLock(List.copyOf(held));
    }

    private static Held lock(Path dir, String bridge) throws IOException, DataDirLockedException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // This JVM already holds it: another bridge of the same process (an embedding application, a test).
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = readHolder(file);
            channel.close();
            throw new DataDirLockedException(dir, holder);
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(describeThisProcess(bridge).getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            release(new Held(file, channel, lock));
            throw e;
        }
        return new Held(file, channel, lock);
    }

    private static String describeThisProcess(String bridge) {
        return "pid " + ProcessHandle.current().pid() + ", bridge '" + bridge + "', since " + Instant.now() + "\n";
    }

    /** What the holder wrote into the lock file; advisory locks do not keep others from reading it. */
    private static String readHolder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "a process that has not written its name yet" : text;
        } catch (IOException e) {
            return "a process whose lock file cannot be read (" + e.getMessage() + ")";
        }
    }

    /** The lock files held. */
    public List<Path> files() {
        return held.stream().map(Held::file).toList();
    }

    @Override
    public synchronized void close() {
        held.forEach(DataDirLock::release);
    }

    private static void release(Held h) {
        try {
            if (h.lock().isValid()) {
                h.lock().release();
            }
            h.channel().close();
        } catch (IOException e) {
            // Closing the channel drops the lock anyway; nothing more can be done about a failing close.
        }
    }

    /** A directory is locked by someone else; the message names the directory and the holder. */
    public static final class DataDirLockedException extends Exception {
        private static final long serialVersionUID = 1L;

        DataDirLockedException(Path dir, String holder) {
            super("data directory " + dir + " is in use by another bridge (" + holder
                    + "); stop that one first, or give this configuration its own data-dir");
        }
    }
}
