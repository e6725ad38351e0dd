package dev.cutover.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.tools.testing.ToolsRun;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover demo} end to end, in a short run, as a user runs it: the packaged jar in its own
 * JVM (whose class path holds the embedded PostgreSQL binaries once, unlike the test's).
 */
class DemoCommandIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void theDemoSyncsBothTablesAndShowsTheNewerVersionWinningTheStagedConflict() throws Exception {
        ToolsRun demo = ToolsRun.of(dir.resolve("demo.out"), "1g", TIMEOUT, "demo", "--duration", "PT8S", "--rate", "50",
                "--seed-rows", "100", "--data-dir", dir.resolve("demo").toString());
        String output = demo.output();
        System.out.println(output);
        assertThat(demo.ended()).as("the demo ended within %s", TIMEOUT).isTrue();
        assertThat(demo.exitCode()).as("exit code").isZero();
        assertThat(output).contains("Caught up: public.customers equals the mapped public.cust_mstr")
                .contains("Caught up: public.products equals the mapped public.prod_mstr")
                .contains("/conflicts");
        Matcher staged = Pattern.compile("product (\\w+) updated on both sides at once: legacy price ([\\d.]+) at (\\S+),"
                + " new price ([\\d.]+) at (\\S+) ").matcher(output);
        assertThat(staged.find()).as("the staged update is reported").isTrue();
        String product = staged.group(1);
        LocalDateTime legacyTime = LocalDateTime.parse(staged.group(3));
        BigDecimal newPrice = new BigDecimal(staged.group(4));
        LocalDateTime newTime = LocalDateTime.parse(staged.group(5));
        assertThat(legacyTime).isBefore(newTime);
        // The legacy applier (the arbiter) met the new system's update and took it: it is the newer one.
        assertThat(output).containsPattern("at the legacy database \\(conflict \\w+\\): update_changed, key \\{prod_cd=" + product + "}")
                .contains("decided applied_incoming: newest-wins: the new version has the greater 'upd_ts'");
        assertConverged(output, "prod_cd=" + product + "  prod_desc=.*  price_amt=(\\S+)  upd_ts=(.+)", newPrice, newTime);
        assertConverged(output, "code=" + product + "  description=.*  price=(\\S+)  updated_at=(.+)", newPrice, newTime);
        String lifecycle = output.substring(output.indexOf("Lifecycle of one table"));
        assertThat(lifecycle).containsSubsequence("switch to two-way", "switch-drain", "switch-verify", "switch-keys", "reload-restart",
                        "two-way: the tables are equal through the mapping",
                        "switch to new-to-legacy", "switch-drain", "reload-restart",
                        "new-to-legacy: the tables are equal through the mapping",
                        "switch to none", "switch-drain", "reload-restart", "suppliers is now NOT_SYNCED")
                .containsPattern("switch-keys +done .*new .*suppliers.* next 2 -> \\d*[02468] ");
    }

    /** The row line matching {@code form} shows {@code price} and {@code time} (as PostgreSQL prints a timestamp). */
    private static void assertConverged(String output, String form, BigDecimal price, LocalDateTime time) {
        Matcher row = Pattern.compile("^ +" + form + "$", Pattern.MULTILINE).matcher(output);
        assertThat(row.find()).as("a converged row like %s", form).isTrue();
        assertThat(new BigDecimal(row.group(1))).isEqualByComparingTo(price);
        assertThat(LocalDateTime.parse(row.group(2).strip().replace(' ', 'T'))).isEqualTo(time);
    }
}
