package dev.cutover.debezium.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.debezium.BinlogPosition;
import dev.cutover.debezium.RetainedLog;
import dev.cutover.debezium.internal.MariaDbBinlogRetention.BinlogFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MariaDbBinlogRetentionTest {

    private static final List<BinlogFile> FILES = List.of(new BinlogFile("mariadb-bin.000001", 5_000),
            new BinlogFile("mariadb-bin.000002", 7_000), new BinlogFile("mariadb-bin.000003", 900));

    @Test
    void countsTheRestOfThePositionsFileAndEveryLaterFile() throws Exception {
        RetainedLog retained = MariaDbBinlogRetention.behind(new BinlogPosition("mariadb-bin.000002", 2_000, 0), FILES);

        assertThat(retained).isEqualTo(new RetainedLog(5_000 + 900, "mariadb-bin.000002:2000", "mariadb-bin.000003:900"));
    }

    @Test
    void aPositionAtTheEndOfTheLastFileRetainsNothing() throws Exception {
        assertThat(MariaDbBinlogRetention.behind(new BinlogPosition("mariadb-bin.000003", 900, 0), FILES).bytes()).isZero();
    }

    @Test
    void aPurgedFileIsAnErrorNamingItAndWhatTheServerStillHas() {
        assertThatThrownBy(() -> MariaDbBinlogRetention.behind(new BinlogPosition("mariadb-bin.000000", 4, 0), FILES))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("mariadb-bin.000000:4")
                .hasMessageContaining("mariadb-bin.000001 to mariadb-bin.000003")
                .hasMessageContaining("purged");
    }

    @Test
    void aMissingOrEmptyOffsetFileHoldsNoPosition(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.offsets"));

        assertThat(StoredOffsets.binlogPosition(dir.resolve("missing.offsets"))).isEmpty();
        assertThat(StoredOffsets.binlogPosition(empty)).isEmpty();
    }

    @Test
    void aFileThatIsNoOffsetFileIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.offsets"), "not serialized");

        assertThatThrownBy(() -> StoredOffsets.binlogPosition(junk)).hasMessageContaining(junk.toString());
    }
}
