package dev.cutover.cli.command;

import dev.cutover.cli.ExitCodes;
import dev.cutover.core.condition.ConditionException;
import dev.cutover.core.condition.ConditionParser;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cutover resync --binding B [--where CONDITION] [--wait]}: asks a running bridge (through
 * {@code POST /resync}) to re-copy a streamed binding's source table, or the rows a condition
 * selects, while live changes keep flowing; prints the resync's id and, with {@code --wait},
 * a line each time its progress changes until it ends. Exit code 0 when requested (or, waiting,
 * finished), {@link ExitCodes#FAILED} when it aborted or failed or the bridge is not
 * reachable, {@link ExitCodes#BAD_CONFIG} when the condition is not in the grammar (checked
 * before anything is sent) or the bridge refused the request.
 */
@Command(name = "resync", description = "Re-copy a streamed binding's source table, or a key range of it, while changes keep flowing.")
public final class ResyncCommand implements Callable<Integer> {

    @Mixin
    BridgeClient target;

    @Option(names = "--binding", required = true, description = "The binding whose source table is re-copied.")
    String binding;

    @Option(names = "--where", paramLabel = "CONDITION", description = "A condition on the source table's columns, "
            + "e.g. \"cust_id BETWEEN 100 AND 199\": comparisons (= <> != < <= > >=), BETWEEN, [NOT] IN (...), IS [NOT] NULL, "
            + "AND, OR, NOT and parentheses over columns and literals (numbers, 'text', true, false, null); nothing else. "
            + "Without it the whole table is re-copied.")
    String where;

    @Option(names = "--wait", description = "Wait until the resync ends, printing its progress.")
    boolean await;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "PT1S", description = "How often --wait asks for progress "
            + "(ISO-8601, default ${DEFAULT-VALUE}).")
    Duration poll;

    @Override
    public Integer call() {
        try {
            return run(System.out);
        } catch (BridgeClient.Failure e) {
            System.err.println("cutover resync: " + e.getMessage());
            return e.exitCode;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("cutover resync: interrupted while waiting; the resync goes on in the bridge");
            return ExitCodes.FAILED;
        }
    }

    private int run(PrintStream out) throws BridgeClient.Failure, InterruptedException {
        if (where != null && !where.isBlank()) {
            try {
                // Fails fast on what the bridge would refuse anyway; the bridge checks the columns.
                ConditionParser.parse(where);
            } catch (ConditionException e) {
                throw new BridgeClient.Failure("--where: " + e.getMessage(), ExitCodes.BAD_CONFIG);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("binding", binding);
        if (where != null) {
            body.put("where", where);
        }
        Map<?, ?> resync = (Map<?, ?>) target.call("POST", "/resync", body);
        String id = String.valueOf(resync.get("id"));
        out.printf("resync %s requested: binding %s, table %s on the %s system%s%n", id, resync.get("binding"), resync.get("table"),
                resync.get("system"), resync.get("condition") == null ? "" : ", where " + resync.get("condition"));
        if (!await) {
            out.println("its progress: GET /resync/" + id + " or /status of the bridge");
            return 0;
        }
        String last = null;
        while (true) {
            String line = progressLine(resync);
            if (!line.equals(last)) {
                out.println(line);
                last = line;
            }
            String state = String.valueOf(resync.get("state"));
            if (state.equals("FINISHED")) {
                return 0;
            }
            if (state.equals("ABORTED") || state.equals("FAILED")) {
                System.err.println("cutover resync: resync " + id + " " + state.toLowerCase() + ": " + resync.get("message"));
                return ExitCodes.FAILED;
            }
            Thread.sleep(poll.toMillis());
            resync = (Map<?, ?>) target.call("GET", "/resync/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null);
        }
    }

    /** {@code resync <id>: RUNNING, 1200 rows read, 3 chunks}, plus the end's message. */
    static String progressLine(Map<?, ?> resync) {
        return "resync " + resync.get("id") + ": " + resync.get("state") + ", " + resync.get("rowsRead") + " rows read, "
                + resync.get("chunks") + " chunks" + (resync.get("message") == null ? "" : " (" + resync.get("message") + ")")
                + (Objects.equals(resync.get("state"), "FINISHED") ? " at " + resync.get("finishedAt") : "");
    }
}
