package dev.cutover.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentFailuresTest {

    private final ComponentFailures failures = new ComponentFailures();
    private final List<String> heard = new ArrayList<>();

    @Test
    void theFirstFailureIsPassedOnOnce() {
        failures.arm((component, cause) -> heard.add(component + ": " + cause.getMessage()));

        failures.failed("applier of the new database", new IllegalStateException("permission denied"));
        failures.failed("capture of the legacy database", new IllegalStateException("later"));

        assertThat(heard).containsExactly("applier of the new database: permission denied");
    }

    @Test
    void aFailureWhileStartingIsPassedOnWhenArmed() {
        failures.failed("capture of the legacy database", new IllegalStateException("slot in use"));
        assertThat(heard).isEmpty();

        failures.arm((component, cause) -> heard.add(component + ": " + cause.getMessage()));

        assertThat(heard).containsExactly("capture of the legacy database: slot in use");
    }

    @Test
    void failuresAfterCloseAreConsequencesOfStoppingAndNotPassedOn() {
        failures.arm((component, cause) -> heard.add(component));
        failures.close();

        failures.failed("applier of the new database", new IllegalStateException("closed"));

        assertThat(heard).isEmpty();
    }
}
