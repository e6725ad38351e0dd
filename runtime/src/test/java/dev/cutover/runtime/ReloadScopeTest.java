package dev.cutover.runtime;

import static dev.cutover.core.event.SystemSide.LEGACY;
import static dev.cutover.core.event.SystemSide.NEW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.runtime.ReloadScope.Lane;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReloadScopeTest {

    private static Lane toNew(String name) {
        return new Lane(name, LEGACY, NEW, false, false);
    }

    private static Lane toLegacy(String name) {
        return new Lane(name, NEW, LEGACY, false, false);
    }

    private static List<Lane> twoWay(String name) {
        return List.of(new Lane(name, LEGACY, NEW, false, true), new Lane(name, NEW, LEGACY, false, true));
    }

    @Test
    void addingAOneWayBindingKeepsTheComponentsOfTheOtherDirection() {
        List<Lane> running = List.of(toNew("orders"), toLegacy("invoices"));
        List<Lane> next = List.of(toNew("orders"), toLegacy("invoices"), toNew("items"));

        ReloadScope scope = ReloadScope.of(running, next, Set.of("orders", "invoices"));

        assertThat(scope.captures()).containsExactly(NEW);
        assertThat(scope.appliers()).containsExactly(LEGACY);
        assertThat(scope.restartedBindings(next)).containsExactly("items", "orders");
        assertThat(scope.describe(running, next))
                .isEqualTo("kept running: applier of legacy, capture of new; restarted: capture of legacy, applier of new");
    }

    @Test
    void aChangedBindingRestartsItsCaptureAndApplierOnly() {
        List<Lane> running = List.of(toNew("orders"), toLegacy("invoices"));

        ReloadScope scope = ReloadScope.of(running, running, Set.of("invoices"));

        assertThat(scope.captures()).containsExactly(NEW);
        assertThat(scope.appliers()).containsExactly(LEGACY);
        assertThat(scope.restartedBindings(running)).containsExactly("orders");
    }

    @Test
    void removingTheLastBindingOfADirectionRestartsItsComponentsAndKeepsTheOthers() {
        List<Lane> running = List.of(toNew("orders"), toLegacy("invoices"));
        List<Lane> next = List.of(toLegacy("invoices"));

        ReloadScope scope = ReloadScope.of(running, next, Set.of("invoices"));

        assertThat(scope.captures()).containsExactly(NEW);
        assertThat(scope.appliers()).containsExactly(LEGACY);
        assertThat(scope.restartedBindings(next)).isEmpty();
        assertThat(scope.describe(running, next))
                .isEqualTo("kept running: applier of legacy, capture of new; stopped: capture of legacy, applier of new");
    }

    @Test
    void theFirstTwoWayBindingChangesBothRolesSoEverythingRestarts() {
        List<Lane> running = List.of(toNew("orders"), toLegacy("invoices"));
        List<Lane> next = new java.util.ArrayList<>(List.of(toLegacy("invoices")));
        next.addAll(twoWay("orders"));

        ReloadScope scope = ReloadScope.of(running, next, Set.of("invoices"));

        assertThat(scope.restartsAll()).isTrue();
        assertThat(scope.describe(running, next))
                .isEqualTo("restarted: capture of legacy, applier of legacy, capture of new, applier of new");
    }

    @Test
    void aSwitchAmongTwoWayBindingsKeepsWhatTheSwitchedBindingDoesNotTouch() {
        List<Lane> running = new java.util.ArrayList<>(twoWay("products"));
        running.addAll(twoWay("orders"));
        running.add(toNew("items"));
        List<Lane> next = new java.util.ArrayList<>(twoWay("products"));
        next.add(toLegacy("orders"));
        next.add(toNew("items"));

        ReloadScope scope = ReloadScope.of(running, next, Set.of("products", "items"));

        // orders is read from both databases and written to both before, so every component serves it.
        assertThat(scope.restartsAll()).isTrue();
    }

    @Test
    void anUnchangedBatchBindingKeepsItsSchedulerWhileItsApplierRestarts() {
        Lane copied = new Lane("prices", LEGACY, NEW, true, false);
        List<Lane> running = List.of(copied, toNew("orders"));
        List<Lane> next = List.of(copied);

        ReloadScope scope = ReloadScope.of(running, next, Set.of("prices"));

        assertThat(scope.batches()).containsExactly("prices");
        assertThat(scope.appliers()).isEmpty();
        assertThat(scope.captures()).isEmpty();
        assertThat(scope.restartsAll()).isFalse();
        assertThat(scope.restartedBindings(next)).containsExactly("prices");
    }

    @Test
    void nothingIsKeptWhenNothingRanOrNothingWillRun() {
        List<Lane> some = List.of(toNew("orders"));

        assertThat(ReloadScope.of(List.of(), some, Set.of()).restartsAll()).isTrue();
        assertThat(ReloadScope.of(some, List.of(), Set.of()).restartsAll()).isTrue();
    }
}
