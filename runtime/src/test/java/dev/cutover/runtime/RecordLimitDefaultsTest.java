package dev.cutover.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.KafkaOptions;
import dev.cutover.kafka.RecordSizeLimit;
import org.junit.jupiter.api.Test;

/**
 * The configuration and the Kafka connector cannot see each other, yet both know the record limit:
 * the configuration for {@code kafka.max-record-bytes}, the connector for the brokers and clients
 * started without a configuration (the shared test broker). They must agree.
 */
class RecordLimitDefaultsTest {

    @Test
    void theConfigurationAndTheKafkaConnectorAgreeOnTheRecordLimitsDefaultAndRange() {
        assertThat(KafkaOptions.DEFAULT_MAX_RECORD_BYTES).isEqualTo(RecordSizeLimit.DEFAULT_BYTES);
        assertThat(KafkaOptions.MIN_MAX_RECORD_BYTES).isEqualTo(RecordSizeLimit.MIN_BYTES);
        assertThat(KafkaOptions.MAX_MAX_RECORD_BYTES).isEqualTo(RecordSizeLimit.MAX_BYTES);
    }
}
