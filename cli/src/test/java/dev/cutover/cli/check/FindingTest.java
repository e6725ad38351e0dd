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
    void aWarningIsOneLineWithItsFixAndNoProblem() {
        Finding warning = Finding.warning("bindings[0]", "keys can collide", "use odd and even keys");

        assertThat(warning.line()).isEqualTo("warning  bindings[0]: keys can collide; fix: use odd and even keys");
        assertThat(warning.isProblem()).isFalse();
        assertThat(warning.isWarning()).isTrue();
    }

    @Test
    void aProblemOrWarningWithoutAFixIsRejected() {
        assertThatThrownBy(() -> Finding.problem("x", "broken", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Finding.warning("x", "odd", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Finding(Finding.Status.OK, "x", "fine", "nothing")).isInstanceOf(IllegalArgumentException.class);
    }
}
