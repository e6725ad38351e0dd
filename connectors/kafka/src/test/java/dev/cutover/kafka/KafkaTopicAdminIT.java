package dev.cutover.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class KafkaTopicAdminIT {

    private final Items items = new Items();

    @Test
    void createsChangeSchemasDeadLetterAndConflictTopicsAndAcceptsThemOnTheNextRun() throws Exception {
        items.withTopics(3);
        items.withTopics(3);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            String schemas = TopicNames.schemas(items.bridge);
            String deadLetters = TopicNames.deadLetters(items.bridge);
            String conflicts = TopicNames.conflicts(items.bridge);
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(items.route.topic(), schemas, deadLetters, conflicts))
                    .allTopicNames().get();
            assertThat(topics.get(items.route.topic()).partitions()).hasSize(3);
            assertThat(topics.get(schemas).partitions()).hasSize(1);
            assertThat(topics.get(deadLetters).partitions()).hasSize(1);
            assertThat(config(admin, schemas).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(config(admin, deadLetters).get("retention.ms").value()).isEqualTo("-1");
            assertThat(topics.get(conflicts).partitions()).hasSize(1);
            assertThat(config(admin, conflicts).get("retention.ms").value()).isEqualTo("-1");
            assertThat(config(admin, conflicts).get("retention.bytes").value()).isEqualTo("-1");
            assertThat(config(admin, conflicts).get("cleanup.policy").value()).isEqualTo("delete");
        }
    }

    @Test
    void everyTopicTakesRecordsOfTheLimitAndAnExistingOneWithALowerSettingIsRaised() throws Exception {
        String deadLetters = TopicNames.deadLetters(items.bridge);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(deadLetters, 1, (short) 1)
                    .configs(Map.of("retention.ms", "-1", "max.message.bytes", "1000000")))).all().get();
        }

        items.withTopics(1);

        String expected = Integer.toString(RecordSizeLimit.DEFAULT_BYTES + RecordSizeLimit.FRAMING_BYTES);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            for (String topic : List.of(items.route.topic(), TopicNames.schemas(items.bridge), deadLetters,
                    TopicNames.conflicts(items.bridge))) {
                assertThat(config(admin, topic).get("max.message.bytes").value()).as(topic).isEqualTo(expected);
            }
        }
    }

    @Test
    void aConflictTopicThatWouldLoseRecordsIsReportedPerSetting() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TopicNames.conflicts(items.bridge), 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact", "retention.ms", "604800000")))).all().get();
        }

        assertThatThrownBy(() -> items.withTopics(1))
                .isInstanceOf(KafkaOperationException.class)
                .hasMessageContaining("topic " + TopicNames.conflicts(items.bridge) + " must have cleanup.policy=delete (it has compact)")
                .hasMessageContaining("retention.ms=-1 (it has 604800000)")
                .hasMessageNotContaining("retention.bytes");
    }

    @Test
    void anExistingChangeTopicWithOtherPartitionsIsReportedWithTopicAndBootstrap() throws Exception {
        items.withTopics(2);

        assertThatThrownBy(() -> items.withTopics(4))
                .isInstanceOf(KafkaOperationException.class)
                .hasMessageContaining(items.route.topic())
                .hasMessageContaining("has 2 partitions but 4 are configured")
                .hasMessageContaining(TestKafka.bootstrapServers());
    }

    @Test
    void aSchemasTopicThatIsNotCompactedIsReported() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TopicNames.schemas(items.bridge), 1, (short) 1))).all().get();
        }

        assertThatThrownBy(() -> items.withTopics(1))
                .isInstanceOf(KafkaOperationException.class)
                .hasMessageContaining(TopicNames.schemas(items.bridge))
                .hasMessageContaining("cleanup.policy=compact");
    }

    @Test
    void aReplicationFactorTheClusterCannotMeetIsReportedPerTopic() throws Exception {
        try (KafkaTopicAdmin admin = new KafkaTopicAdmin(items.client)) {
            assertThatThrownBy(() -> admin.ensureTopics(items.bridge, List.of(items.route), new TopicSettings(1, (short) 3)))
                    .isInstanceOf(KafkaOperationException.class)
                    .hasMessageContaining("topic " + items.route.topic() + " could not be created")
                    .hasMessageContaining("topic " + TopicNames.deadLetters(items.bridge) + " could not be created")
                    .hasMessageContaining("InvalidReplicationFactorException");
        }
    }

    private static Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
