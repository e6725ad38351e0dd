package dev.cutover.cli.check.postgres;

import dev.cutover.cli.check.FamilyChecks;
import dev.cutover.cli.check.PreflightCheck;
import java.util.List;

/** PostgreSQL's preflight checks: privileges, logical decoding, publication, the capture's own tables, replica identity, echo route. */
public final class PostgresChecks implements FamilyChecks {

    @Override
    public String family() {
        return "postgresql";
    }

    @Override
    public List<PreflightCheck> checks() {
        return List.of(new PostgresTablePrivilegesCheck(), new PostgresReplicationCheck(), new PostgresPublicationCheck(),
                new PostgresHelperTablesCheck(), new PostgresReplicaIdentityCheck(), new PostgresEchoRouteCheck(),
                new PostgresBatchStagingCheck());
    }

    @Override
    public List<PreflightCheck> schemaChecks() {
        return List.of(new PostgresReplicaIdentityCheck());
    }
}
