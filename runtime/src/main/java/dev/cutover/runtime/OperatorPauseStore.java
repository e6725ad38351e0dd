package dev.cutover.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers, in {@code <data-dir>/paused/<binding>}, the bindings an operator paused, so a restart
 * starts them paused again: a pause holds until someone resumes it. Thread-safe: each call reads or
 * replaces one file (written to a temporary file and moved).
 */
final class OperatorPauseStore {

    private final Path dir;

    OperatorPauseStore(Path dataDir) {
        this.dir = dataDir.resolve("paused");
    }

    /** Stores that {@code binding} was paused at {@code at}. */
    void save(String binding, Instant at) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(binding + ".tmp");
            Files.writeString(tmp, at.toString() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(binding), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remember in " + dir + " that binding '" + binding + "' is paused", e);
        }
    }

    /** When {@code binding} was paused; empty when it is not. */
    Optional<Instant> pausedSince(String binding) {
        Path file = dir.resolve(binding);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(Files.readString(file, StandardCharsets.UTF_8).trim()));
        } catch (IOException | RuntimeException e) {
            // Unreadable but present: the operator paused it; keep it paused, from an unknown time.
            return Optional.of(Instant.EPOCH);
        }
    }

    /** Forgets that {@code binding} was paused. */
    void remove(String binding) {
        try {
            Files.deleteIfExists(dir.resolve(binding));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot forget in " + dir + " that binding '" + binding + "' was paused", e);
        }
    }
}
