package dev.cutover.jdbc.mariadb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The MariaDB server settings and privileges a binlog capture needs, read in one place
 * ({@link #read}) so that {@code cutover check} and a capture's start judge the same values, and
 * what to do when one is missing ({@link #problems}, {@link #missingPrivileges}).
 *
 * @param logBin {@code @@log_bin}: whether the server writes a binary log
 * @param binlogFormat {@code @@global.binlog_format}
 * @param binlogRowImage {@code @@global.binlog_row_image}
 * @param serverId {@code @@server_id}
 * @param privileges the user's global privileges, upper case (e.g. {@code REPLICATION SLAVE})
 */
public record BinlogSettings(boolean logBin, String binlogFormat, String binlogRowImage, long serverId, Set<String> privileges) {

    private static final String CONFIG = "in the [mariadbd] section of the server's configuration (e.g. a file in"
            + " /etc/mysql/mariadb.conf.d/) and restart the server";

    private static final String SETTINGS = "SELECT @@log_bin, @@global.binlog_format, @@global.binlog_row_image, @@server_id";

    /** The current user as a grantee: {@code 'name'@'host'}. */
    private static final String GRANTEE = "CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''',"
            + " SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')";

    public BinlogSettings {
        privileges = Set.copyOf(privileges);
    }

    /** Reads the server's binlog settings and the current user's global privileges. */
    public static BinlogSettings read(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SETTINGS)) {
            rs.next();
            return new BinlogSettings(rs.getBoolean(1), rs.getString(2), rs.getString(3), rs.getLong(4), privileges(connection));
        }
    }

    /** The current user as the server knows it, e.g. {@code 'cutover'@'%'}, for GRANT statements. */
    public static String currentUser(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT " + GRANTEE)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The global privileges of the current user, as {@code information_schema.user_privileges} lists them. */
    private static Set<String> privileges(Connection connection) throws SQLException {
        Set<String> privileges = new HashSet<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT privilege_type FROM information_schema.user_privileges WHERE grantee = " + GRANTEE)) {
            while (rs.next()) {
                privileges.add(rs.getString(1).toUpperCase(Locale.ROOT));
            }
        }
        return privileges;
    }

    /**
     * Every problem, one line each, naming the setting or privilege and the fix; empty when the
     * server is ready for capture.
     *
     * @param user the user as the server knows it, e.g. {@code 'cutover'@'%'}, for the GRANT
     *     statement
     */
    public List<String> problems(String user) {
        List<String> problems = new ArrayList<>();
        if (!logBin) {
            problems.add("log_bin is OFF: the server writes no binary log to capture from; set log_bin=mariadb-bin (a path whose"
                    + " directory the server's user owns) " + CONFIG);
        }
        if (!"ROW".equals(upper(binlogFormat))) {
            problems.add("binlog_format is " + binlogFormat + ", but a capture needs each changed row in the log; set binlog_format=ROW "
                    + CONFIG + " (SET GLOBAL binlog_format=ROW affects new sessions only and is lost at restart)");
        }
        if (!"FULL".equals(upper(binlogRowImage))) {
            problems.add("binlog_row_image is " + binlogRowImage + ", but a capture needs complete old and new rows; set"
                    + " binlog_row_image=FULL " + CONFIG);
        }
        if (serverId == 0) {
            problems.add("server_id is 0, and a server with id 0 serves no binlog client; set server_id to a unique non-zero number "
                    + CONFIG);
        }
        List<String> missing = missingPrivileges();
        if (!missing.isEmpty()) {
            problems.add("user " + user + " lacks the global privilege(s) " + String.join(", ", missing) + " needed to read the binlog;"
                    + " run GRANT SELECT, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO " + user
                    + " (before MariaDB 10.5: REPLICATION CLIENT instead of BINLOG MONITOR)");
        }
        return problems;
    }

    /** The privileges reading the binlog needs that the user lacks, of {@code REPLICATION SLAVE} and {@code BINLOG MONITOR}. */
    public List<String> missingPrivileges() {
        List<String> missing = new ArrayList<>();
        if (!privileges.contains("REPLICATION SLAVE")) {
            missing.add("REPLICATION SLAVE");
        }
        // BINLOG MONITOR is what MariaDB 10.5 and later call REPLICATION CLIENT.
        if (!privileges.contains("BINLOG MONITOR") && !privileges.contains("REPLICATION CLIENT")) {
            missing.add("BINLOG MONITOR");
        }
        return missing;
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}
