package dev.cutover.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorPauseStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void aPauseIsRememberedByAStoreOverTheSameDirectoryUntilRemoved() {
        Instant at = Instant.parse("2026-12-07T06:00:00Z");
        new OperatorPauseStore(dataDir).save("orders", at);

        OperatorPauseStore reopened = new OperatorPauseStore(dataDir);
        assertThat(reopened.pausedSince("orders")).contains(at);
        assertThat(reopened.pausedSince("customers")).isEmpty();

        reopened.remove("orders");
        assertThat(new OperatorPauseStore(dataDir).pausedSince("orders")).isEmpty();
        reopened.remove("orders");
    }

    @Test
    void anUnreadableRecordStillCountsAsPaused() throws Exception {
        Files.createDirectories(dataDir.resolve("paused"));
        Files.writeString(dataDir.resolve("paused").resolve("orders"), "not a time");

        assertThat(new OperatorPauseStore(dataDir).pausedSince("orders")).contains(Instant.EPOCH);
    }
}
