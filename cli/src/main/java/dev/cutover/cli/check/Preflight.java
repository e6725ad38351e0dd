package dev.cutover.cli.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a list of {@link PreflightCheck}s in order and collects their findings, so that every
 * problem of a bridge is reported at once. A check that throws becomes one problem naming it.
 * Every text is redacted of the configured passwords. Not thread-safe.
 */
public final class Preflight {

    private final List<PreflightCheck> checks;

    public Preflight(List<PreflightCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /**
     * The checks {@code cutover check} runs: reachability first, then the tables and mappings,
     * and whether two-way tables generate keys that can collide, then what capturing and applying
     * need of each database, family by family ({@link FamilyChecks}),
     * then the log the servers retain. Family checks skip systems of other families.
     */
    public static Preflight standard() {
        List<PreflightCheck> checks = new ArrayList<>(List.of(new SystemConnectivityCheck(), new LocalStateCheck(), new KafkaCheck(),
                new MappingCheck(), new WrittenTableKeyCheck(), new TwoWayKeyCheck()));
        FamilyChecks.all().forEach(f -> checks.addAll(f.checks()));
        checks.add(new RetainedLogCheck());
        return new Preflight(checks);
    }

    /**
     * The checks {@code cutover plan} runs before it describes the bindings: the systems answer,
     * the bindings fit their tables, two-way tables do not generate colliding keys, and the captured
     * tables log what the service needs.
     */
    public static Preflight schemas() {
        List<PreflightCheck> checks = new ArrayList<>(List.of(new SystemConnectivityCheck(), new MappingCheck(), new TwoWayKeyCheck()));
        FamilyChecks.all().forEach(f -> checks.addAll(f.schemaChecks()));
        return new Preflight(checks);
    }

    /** The titles of the checks, in the order they run. */
    List<String> titles() {
        return checks.stream().map(PreflightCheck::title).toList();
    }

    /** Runs every check and returns all findings, check by check. */
    public List<Finding> run(CheckContext context) throws InterruptedException {
        List<Finding> findings = new ArrayList<>();
        for (PreflightCheck check : checks) {
            List<Finding> found;
            try {
                found = check.run(context);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                found = List.of(Finding.problem(check.title(), "the check could not run: " + e, "see the message; run `cutover check`"
                        + " again once it is fixed"));
            }
            found.forEach(f -> findings.add(f.redacted(context::redact)));
        }
        return findings;
    }
}
