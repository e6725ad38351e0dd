package dev.cutover.cli.check;

import java.util.List;
import java.util.ServiceLoader;

/**
 * The preflight checks of one database family, as one plug-in next to the family's
 * {@code dev.cutover.jdbc.DatabaseSupport} (same {@link #family()} key). Adding a family means
 * adding an implementation in its own subpackage and listing it in
 * {@code META-INF/services/dev.cutover.cli.check.FamilyChecks}; {@link Preflight} runs the
 * families in that file's order.
 *
 * <p>Implementations are stateless, with a public no-argument constructor for
 * {@link ServiceLoader}. Their checks skip systems of other families.
 */
public interface FamilyChecks {

    /** The family's key, as {@code DatabaseSupport.family()} names it, e.g. {@code postgresql}. */
    String family();

    /** What {@code cutover check} asks of the family's systems, in report order. */
    List<PreflightCheck> checks();

    /** What {@code cutover plan} asks before it describes the bindings: that the captured tables log what the service needs. */
    List<PreflightCheck> schemaChecks();

    /** Every family's checks on the class path, in service-file order. */
    static List<FamilyChecks> all() {
        return Loaded.FAMILIES;
    }

    /** Holder idiom: loads the plug-ins on first use, once. */
    final class Loaded {
        private static final List<FamilyChecks> FAMILIES = ServiceLoader.load(FamilyChecks.class, FamilyChecks.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();

        private Loaded() {
        }
    }
}
