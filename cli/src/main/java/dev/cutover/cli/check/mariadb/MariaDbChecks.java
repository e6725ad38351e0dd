package dev.cutover.cli.check.mariadb;

import dev.cutover.cli.check.FamilyChecks;
import dev.cutover.cli.check.PreflightCheck;
import java.util.List;

/** MariaDB's preflight checks: the binlog settings and privileges a capture needs. */
public final class MariaDbChecks implements FamilyChecks {

    @Override
    public String family() {
        return "mariadb";
    }

    @Override
    public List<PreflightCheck> checks() {
        return List.of(new MariaDbBinlogCheck());
    }

    /** Binlog row images are always whole rows once the binlog check passes, so there is nothing per table to plan. */
    @Override
    public List<PreflightCheck> schemaChecks() {
        return List.of();
    }
}
