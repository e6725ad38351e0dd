package dev.cutover.cli.check.postgres;

import dev.cutover.cli.check.BindingSides;
import dev.cutover.cli.check.CheckContext;
import dev.cutover.cli.check.Finding;
import dev.cutover.cli.check.PreflightCheck;
import dev.cutover.cli.check.ReviewedBinding;
import dev.cutover.config.BindingOptions;
import dev.cutover.config.DatabaseKind;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.event.TableId;
import dev.cutover.jdbc.postgres.SchemaPrivileges;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A full batch copy into PostgreSQL goes database to database through a staging table in the
 * target's schema, which the target's user must be allowed to create; without CREATE there the
 * copies still work, row by row through Kafka, so this is a warning with the grant that speeds
 * them up. Judges the {@link SchemaPrivileges} reading.
 */
final class PostgresBatchStagingCheck implements PreflightCheck {

    @Override
    public String title() {
        return "full batch copies";
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (ReviewedBinding reviewed : context.reviews()) {
            BindingOptions binding = reviewed.options();
            if (!binding.batched() || binding.batch().incremental()) {
                continue;
            }
            for (SystemSide side : BindingSides.written(binding)) {
                if (context.config().system(side).kind() == DatabaseKind.POSTGRESQL && context.reachable(side)) {
                    findings.add(judge(context, binding, side));
                }
            }
        }
        return findings;
    }

    private static Finding judge(CheckContext context, BindingOptions binding, SystemSide side) throws Exception {
        TableId table = BindingSides.table(binding, side);
        Optional<SchemaPrivileges> privileges;
        try (Connection c = context.connect(side)) {
            privileges = SchemaPrivileges.read(c, table.schema());
        }
        String path = binding.path() + "." + side.label();
        if (privileges.isEmpty() || privileges.get().mayCreate()) {
            return Finding.ok(path, "full copies of binding '" + binding.name() + "' go database to database through a staging table"
                    + " in schema " + table.schema());
        }
        String user = privileges.get().user();
        return Finding.warning(path, "full copies of binding '" + binding.name() + "' will go row by row through Kafka: user '" + user
                + "' may not create their staging table in schema " + table.schema(), "GRANT CREATE ON SCHEMA "
                + context.connections(side).dialect().quoteIdentifier(table.schema()) + " TO "
                + context.connections(side).dialect().quoteIdentifier(user));
    }
}
