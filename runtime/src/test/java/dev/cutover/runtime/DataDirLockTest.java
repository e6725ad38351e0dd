package dev.cutover.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @TempDir
    Path dir;

    @Test
    void aHeldDirectoryIsRefusedNamingTheHolderUntilReleased() throws Exception {
        Path data = dir.resolve("data");
        try (DataDirLock first = DataDirLock.acquire("shop", List.of(data))) {
            assertThat(Files.readString(data.resolve(DataDirLock.FILE_NAME)))
                    .startsWith("pid " + ProcessHandle.current().pid() + ", bridge 'shop', since ");
            assertThatThrownBy(() -> DataDirLock.acquire("other", List.of(data)))
                    .isInstanceOf(DataDirLock.DataDirLockedException.class)
                    .hasMessageContaining("data directory " + data.toAbsolutePath())
                    .hasMessageContaining("pid " + ProcessHandle.current().pid() + ", bridge 'shop'")
                    .hasMessageContaining("give this configuration its own data-dir");
        }
        try (DataDirLock again = DataDirLock.acquire("other", List.of(data))) {
            assertThat(Files.readString(data.resolve(DataDirLock.FILE_NAME))).contains("bridge 'other'");
        }
    }

    @Test
    void whenOneDirectoryIsHeldNoneIsLocked() throws Exception {
        Path data = dir.resolve("data");
        Path kafka = dir.resolve("kafka");
        try (DataDirLock held = DataDirLock.acquire("a", List.of(kafka))) {
            assertThatThrownBy(() -> DataDirLock.acquire("b", List.of(data, kafka)))
                    .isInstanceOf(DataDirLock.DataDirLockedException.class);
            try (DataDirLock dataOnly = DataDirLock.acquire("c", List.of(data))) {
                assertThat(dataOnly.files()).containsExactly(data.toAbsolutePath().resolve(DataDirLock.FILE_NAME));
            }
        }
    }

    @Test
    void theSameDirectoryNamedTwiceIsLockedOnce() throws Exception {
        try (DataDirLock lock = DataDirLock.acquire("a", List.of(dir, dir.resolve(".")))) {
            assertThat(lock.files()).hasSize(1);
        }
    }
}
