package dev.cutover.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FindingTest {

    @Test
    void aProblemIsOneLineWithItsFix() {
        assertThat(Finding.problem("systems.legacy", "wal_level is 'replica'", "ALTER SYSTEM SET wal_level = logical").line())
                .isEqualTo("PROBLEM  systems.legacy: wal_level is 'replica'; fix: ALTER SYSTEM SET wal_level = logical");
        assertThat(Finding.ok("kafka.bootstrap", "answered").line()).isEqualTo("ok       kafka.bootstrap: answered");
    }

    @Test
    void aProblemWithoutAFixIsRejected() {
        assertThatThrownBy(() -> Finding.problem("x", "broken", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Finding(Finding.Status.OK, "x", "fine", "nothing")).isInstanceOf(IllegalArgumentException.class);
    }
}
