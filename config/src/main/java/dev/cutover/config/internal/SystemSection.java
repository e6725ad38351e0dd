package dev.cutover.config.internal;

import dev.cutover.config.DatabaseKind;
import dev.cutover.config.Secret;
import dev.cutover.config.SystemOptions;
import dev.cutover.core.event.SystemSide;
import java.util.List;
import java.util.Map;

/** The {@code systems.legacy} and {@code systems.new} sections: declarations and assembly. Stateless. */
final class SystemSection {

    static final String MYSQL_NOT_YET =
            "MySQL support is not available yet in this version (planned); MariaDB is: use kind: mariadb, or kind: postgresql";

    static final Key<DatabaseKind> KIND = Key.required("kind",
            ChoiceType.of(List.of(DatabaseKind.values()), DatabaseKind::label, Map.of(DatabaseKind.MYSQL, MYSQL_NOT_YET)),
            "The database product.");
    static final Key<String> JDBC_URL = Key.required("jdbc-url", Types.string(),
            "JDBC URL of the database; must fit `kind`: for PostgreSQL `" + JdbcUrls.POSTGRESQL_FORM + "`, for MariaDB `"
                    + JdbcUrls.MARIADB_FORM + "` (no parameters).");
    static final Key<String> USER = Key.optional("user", Types.string(),
            "Database user; when absent the JDBC driver's default (or the URL's `user` parameter) applies.");
    static final Key<Secret> PASSWORD = Key.optional("password", Types.secret(),
            "Database password, normally a reference such as `${env:LEGACY_PASSWORD}`; never logged.")
            .asSensitive();

    static final Section SECTION = new Section("systems.<side>",
            "The same keys describe `systems.legacy` and `systems.new`.", List.of(KIND, JDBC_URL, USER, PASSWORD));

    private SystemSection() {
    }

    /** The section type for the system on {@code side}. */
    static SectionType<SystemOptions> type(SystemSide side) {
        return SectionType.of(SECTION, v -> assemble(v, side));
    }

    private static SystemOptions assemble(Values v, SystemSide side) {
        DatabaseKind kind = v.get(KIND);
        String url = v.get(JDBC_URL);
        if (kind != null && url != null && !(kind == DatabaseKind.MARIADB ? JdbcUrls.isMariadb(url) : JdbcUrls.isPostgresql(url))) {
            v.problem(JDBC_URL, "does not fit " + v.pathOf(KIND) + ": " + kind.label() + "; expected "
                    + (kind == DatabaseKind.MARIADB ? JdbcUrls.MARIADB_FORM : JdbcUrls.POSTGRESQL_FORM) + ", got "
                    + v.quoted(JDBC_URL, Redaction::jdbcUrl));
            return null;
        }
        return v.complete() ? new SystemOptions(side, kind, url, v.get(USER), v.get(PASSWORD)) : null;
    }
}
