package dev.cutover.cli.it;

import static org.awaitility.Awaitility.await;

import dev.cutover.runtime.BridgeService;
import dev.cutover.testkit.TestDatabase;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits for a started bridge to become ready (every capture streaming). When it does not, the
 * failure carries the bridge's status and what the databases' servers are busy with, so a run
 * that timed out on another machine says which capture stalled and on what.
 */
final class Readiness {

    private Readiness() {
    }

    static void awaitReady(BridgeService service, Duration timeout, TestDatabase... databases) {
        try {
            await("bridge ready (every capture streaming)").atMost(timeout).until(service::isReady);
        } catch (ConditionTimeoutException e) {
            String servers = Stream.of(databases).map(TestDatabase::serverActivity).distinct().collect(Collectors.joining("\n"));
            throw new AssertionError("bridge not ready within " + timeout + "; status: " + service.status() + "\n" + servers, e);
        }
    }
}
