package dev.cutover.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.jdbc.DatabaseSupport;
import dev.cutover.jdbc.DatabaseSupports;
import java.util.List;
import org.junit.jupiter.api.Test;

class FamilyChecksTest {

    @Test
    void everyDatabaseFamilyContributesChecksAndNoChecksLackAFamily() {
        List<String> supported = DatabaseSupports.all().stream().map(DatabaseSupport::family).toList();

        assertThat(FamilyChecks.all()).extracting(FamilyChecks::family).containsExactlyElementsOf(supported);
    }

    @Test
    void theFamiliesChecksRunBetweenTheKeysOfWrittenTablesAndTheRetainedLog() throws Exception {
        List<String> titles = Preflight.standard().titles();

        assertThat(titles).containsExactly("connectivity and credentials", "local state and ports", "Kafka", "tables and mappings",
                "keys of written tables", "keys generated on both sides", "table privileges", "logical decoding", "publication",
                "capture tables", "replica identity", "two-way echoes", "full batch copies", "binlog capture", "retained log");
    }

    @Test
    void planChecksTheSystemsTheMappingsTheGeneratedKeysAndWhatTheCapturedTablesLog() {
        assertThat(Preflight.schemas().titles()).containsExactly("connectivity and credentials", "tables and mappings",
                "keys generated on both sides", "replica identity");
    }
}
