package dev.cutover.cli.check;

import dev.cutover.config.KafkaOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;

/**
 * An external Kafka cluster answers within {@link #TIMEOUT} with at least as many brokers as the
 * topics' replication factor; for the embedded broker, see {@link LocalStateCheck}.
 */
final class KafkaCheck implements PreflightCheck {

    /** How long the cluster has to answer: long enough for a healthy cluster, short enough for a preflight. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Override
    public String title() {
        return "Kafka";
    }

    @Override
    public List<Finding> run(CheckContext context) throws InterruptedException {
        KafkaOptions kafka = context.config().kafka();
        if (kafka.embedded()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        String fix = "start the Kafka cluster, or correct kafka.bootstrap (and kafka.properties for its security settings);"
                + " kafka.bootstrap: embedded runs a broker inside Cutover";
        Collection<Node> nodes;
        try {
            nodes = describeCluster(kafka);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String why = cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException
                    ? "no broker answered within " + TIMEOUT.toSeconds() + " s"
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            findings.add(Finding.problem("kafka.bootstrap", "cannot reach Kafka at " + kafka.bootstrap() + ": " + why, fix));
            return findings;
        }
        findings.add(Finding.ok("kafka.bootstrap", "Kafka at " + kafka.bootstrap() + " answered with " + nodes.size() + " broker"
                + (nodes.size() == 1 ? "" : "s")));
        if (nodes.size() < kafka.replicationFactor()) {
            findings.add(Finding.problem("kafka.replication-factor", "topics are created with replication factor "
                    + kafka.replicationFactor() + " but the cluster has " + nodes.size() + " broker" + (nodes.size() == 1 ? "" : "s"),
                    "set kafka.replication-factor to at most " + nodes.size()));
        }
        return findings;
    }

    private static Collection<Node> describeCluster(KafkaOptions kafka)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, Object> props = new HashMap<>(kafka.properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "cutover-check");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        Admin admin = Admin.create(props);
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis())).nodes()
                    .get(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
