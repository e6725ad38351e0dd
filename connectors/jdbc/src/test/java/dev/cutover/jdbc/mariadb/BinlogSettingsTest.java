package dev.cutover.jdbc.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BinlogSettingsTest {

    private static final Set<String> ALL = Set.of("SELECT", "RELOAD", "REPLICATION SLAVE", "BINLOG MONITOR", "LOCK TABLES");
    private static final String USER = "'cutover'@'%'";

    @Test
    void aServerSetUpForCaptureHasNoProblems() {
        assertThat(new BinlogSettings(true, "ROW", "FULL", 1, ALL).problems(USER)).isEmpty();
        assertThat(new BinlogSettings(true, "row", "full", 7, Set.of("REPLICATION SLAVE", "REPLICATION CLIENT")).problems(USER))
                .as("lower case values and the pre-10.5 privilege name").isEmpty();
    }

    @Test
    void eachMissingSettingIsNamedWithItsFix() {
        List<String> problems = new BinlogSettings(false, "MIXED", "MINIMAL", 0, ALL).problems(USER);

        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).startsWith("log_bin is OFF").contains("set log_bin=", "[mariadbd]", "restart");
        assertThat(problems.get(1)).startsWith("binlog_format is MIXED").contains("set binlog_format=ROW");
        assertThat(problems.get(2)).startsWith("binlog_row_image is MINIMAL").contains("set binlog_row_image=FULL");
        assertThat(problems.get(3)).startsWith("server_id is 0").contains("set server_id to a unique non-zero number");
    }

    @Test
    void missingPrivilegesAreNamedWithTheGrantThatFixesThem() {
        List<String> problems = new BinlogSettings(true, "ROW", "FULL", 1, Set.of("SELECT")).problems(USER);

        assertThat(problems).singleElement().asString()
                .contains("user 'cutover'@'%' lacks the global privilege(s) REPLICATION SLAVE, BINLOG MONITOR")
                .contains("GRANT SELECT, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO 'cutover'@'%'");
    }
}
