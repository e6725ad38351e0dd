package dev.cutover.kafka.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats the log directory of a single-node KRaft broker once and reads the cluster id back on
 * every later start, so that a restart on the same directory keeps its topics and offsets.
 *
 * <p>Uses Kafka's own storage formatter (the code behind {@code kafka-storage.sh format}) with a
 * static controller quorum, so {@code kraft.version} stays 0 and the controller may listen on a
 * different port after a restart.
 */
public final class BrokerStorage {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerStorage.class);

    private BrokerStorage() {
    }

    /**
     * Returns the cluster id stored in {@code logDir}, formatting the directory with a new random
     * cluster id first when it holds no {@code meta.properties}.
     *
     * @param logDir the broker's only log directory (also its metadata log directory)
     * @param nodeId the node id written into {@code meta.properties}
     * @param controllerListener the name of the controller listener
     * @throws IOException when the directory cannot be created, read or formatted
     */
    public static String formatIfNeeded(Path logDir, int nodeId, String controllerListener) throws IOException {
        Files.createDirectories(logDir);
        Optional<String> existing = storedClusterId(logDir);
        if (existing.isPresent()) {
            LOG.info("Reusing Kafka storage in {} (cluster id {})", logDir, existing.get());
            return existing.get();
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setControllerListenerName(controllerListener)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString()))
                    .run();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("could not format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
        LOG.info("Formatted Kafka storage in {} with cluster id {}: {}", logDir, clusterId,
                output.toString(StandardCharsets.UTF_8).strip());
        return clusterId;
    }

    /** The cluster id of a formatted directory, or empty when it is not formatted. */
    public static Optional<String> storedClusterId(Path logDir) throws IOException {
        if (!Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return Optional.empty();
        }
        MetaPropertiesEnsemble ensemble = new MetaPropertiesEnsemble.Loader()
                .addLogDirs(List.of(logDir.toString()))
                .addMetadataLogDir(logDir.toString())
                .load();
        Optional<String> clusterId = ensemble.clusterId();
        if (clusterId.isEmpty()) {
            throw new IOException(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME)
                    + " exists but holds no cluster.id; remove the directory or restore the file");
        }
        return clusterId;
    }
}
