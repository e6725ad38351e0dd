package dev.cutover.cli.check;

import dev.cutover.core.event.SystemSide;
import java.util.ArrayList;
import java.util.List;

/**
 * Every bound table exists, and every mapped column exists with a type the mapping can convert
 * (the problems {@link MappingReview} finds, each at its configuration path). Bindings of a
 * system that cannot be reached are left to the connectivity check.
 */
final class MappingCheck implements PreflightCheck {

    @Override
    public String title() {
        return "tables and mappings";
    }

    @Override
    public List<Finding> run(CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        if (!context.reachable(SystemSide.LEGACY) || !context.reachable(SystemSide.NEW)) {
            return findings;
        }
        for (ReviewedBinding reviewed : context.reviews()) {
            if (reviewed.fits()) {
                findings.add(Finding.ok(reviewed.options().path(), "binding '" + reviewed.options().name() + "' fits its tables: "
                        + reviewed.mapping().summary()));
            } else {
                findings.addAll(reviewed.problems());
            }
        }
        return findings;
    }
}
