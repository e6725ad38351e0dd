package dev.cutover.config.diff;

import static dev.cutover.config.diff.Bridges.binding;
import static dev.cutover.config.diff.Bridges.bridge;
import static dev.cutover.config.diff.Bridges.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.cutover.core.binding.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A direction change is a guarded switch: allowed between every pair for a streamed binding, refused with a reason otherwise. */
class SwitchTest {

    private static BindingChange change(String runningBinding, String nextBinding) {
        ReloadPlan plan = ConfigDiff.between(bridge(runningBinding), bridge(nextBinding));
        return plan.bindings().get(0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "legacy-to-new, new-to-legacy, 'drain, verify, keys, switch', true",
            "legacy-to-new, two-way,       'drain, verify, keys, switch', true",
            "legacy-to-new, none,          'drain, stop',                 false",
            "new-to-legacy, legacy-to-new, 'drain, verify, keys, switch', false",
            "new-to-legacy, two-way,       'drain, verify, keys, switch', true",
            "new-to-legacy, none,          'drain, stop',                 false",
            "two-way,       legacy-to-new, 'drain, switch',               false",
            "two-way,       new-to-legacy, 'drain, switch',               true",
            "two-way,       none,          'drain, stop',                 false",
            "none,          legacy-to-new, 'load, start',                 false",
            "none,          new-to-legacy, 'load, start',                 true",
            "none,          two-way,       'verify, keys, start',         true"})
    void everyPairOfDirectionsSwitchesForAStreamedBinding(String from, String to, String steps, boolean invertible) {
        BindingChange changed = change(binding("invoices", from), binding("invoices", to));

        Switch s = changed.directionSwitch();
        assertThat(s.label()).isEqualTo(from + " -> " + to);
        assertThat(s.allowed()).isTrue();
        assertThat(s.reason()).isEqualTo(steps);
        assertThat(s.needsInvertibleMapping()).as("the new direction writes legacy").isEqualTo(invertible);
        assertThat(changed.effect()).isEqualTo(steps);
        assertThat(changed.changes()).first()
                .isEqualTo(new SettingChange(Aspect.DIRECTION, "bindings[0].direction", from + " -> " + to));
        assertThat(changed.applicable()).isTrue();
    }

    @Test
    void aBatchBindingSwitchesBetweenOneWayDirectionsAndOff() {
        String batch = "batch: { schedule: PT15M }";

        assertThat(change(binding("o", "legacy-to-new", "mode: batch", batch), binding("o", "new-to-legacy", "mode: batch", batch))
                .directionSwitch().reason()).isEqualTo("drain, verify, keys, switch");
        assertThat(change(binding("o", "legacy-to-new", "mode: batch", batch), binding("o", "none")).directionSwitch().allowed())
                .isTrue();
        BindingChange on = change(binding("o", "none"), binding("o", "legacy-to-new", "mode: batch", batch));
        assertThat(on.changes()).as("a none binding has no mode to change").extracting(SettingChange::aspect)
                .containsExactly(Aspect.DIRECTION);
        assertThat(on.directionSwitch().reason()).isEqualTo("load, start");
    }

    @Test
    void aBatchBindingCannotBecomeTwoWay() {
        BindingChange changed = change(binding("invoices", "legacy-to-new", "mode: batch", "batch: { schedule: PT15M }"),
                binding("invoices", "two-way"));

        assertThat(changed.directionSwitch().allowed()).isFalse();
        assertThat(changed.directionSwitch().steps()).isEmpty();
        assertThat(changed.effect()).isEqualTo("refused");
        assertThat(changed.refusals()).containsExactly(new Refusal("bindings[0].direction",
                "a batch binding cannot become two-way, which only streams: first change the mode to stream, then the direction"));
    }

    @Test
    void aTableChangeTogetherWithADirectionChangeIsRefused() {
        BindingChange changed = change(tables("invoices", "inv", "invoices", "legacy-to-new"),
                tables("invoices", "inv2", "invoices", "two-way"));

        assertThat(changed.refusals()).containsExactly(new Refusal("bindings[0].direction",
                "change one thing at a time: first the tables, then the direction"));
    }

    @Test
    void aModeChangeTogetherWithADirectionChangeIsRefused() {
        BindingChange changed = change(binding("invoices", "legacy-to-new"),
                binding("invoices", "new-to-legacy", "mode: batch", "batch: { schedule: PT15M }"));

        assertThat(changed.changes()).extracting(SettingChange::aspect).containsExactly(Aspect.DIRECTION, Aspect.MODE);
        assertThat(changed.refusals()).containsExactly(new Refusal("bindings[0].direction",
                "change one thing at a time: first the mode, then the direction"));
    }

    @Test
    void aMappingChangeMayComeWithADirectionChange() {
        BindingChange changed = change(binding("invoices", "legacy-to-new"),
                binding("invoices", "two-way", "columns: { amt: amount }"));

        assertThat(changed.applicable()).isTrue();
        assertThat(changed.directionSwitch().needsInvertibleMapping()).isTrue();
        assertThat(changed.changes()).extracting(SettingChange::aspect).containsExactly(Aspect.DIRECTION, Aspect.MAPPING);
    }

    @Test
    void aSwitchHasEitherStepsOrARefusal() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Switch(Direction.NONE, Direction.NONE, List.of(SwitchStep.STOP), null));
        assertThatIllegalArgumentException().isThrownBy(() -> new Switch(Direction.NONE, Direction.TWO_WAY, List.of(), null));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new Switch(Direction.NONE, Direction.TWO_WAY, List.of(SwitchStep.START), "no"));
    }
}
