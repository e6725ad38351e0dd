package dev.cutover.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordSizeLimitTest {

    @Test
    void theDefaultCarriesASixteenMebibyteRowAsBeforeAndAfterImage() {
        assertThat(RecordSizeLimit.DEFAULT.fits(2L * 16 * 1024 * 1024 + 1024 * 1024)).isTrue();
    }

    @Test
    void everyHopTakesTheLimitPlusFramingAndKafkaDefaultsThatAreLargerStay() {
        RecordSizeLimit limit = new RecordSizeLimit(RecordSizeLimit.MIN_BYTES);
        int kafka = RecordSizeLimit.MIN_BYTES + RecordSizeLimit.FRAMING_BYTES;

        assertThat(limit.producerSettings()).containsEntry("max.request.size", kafka);
        assertThat(limit.producerDefaults()).containsEntry("buffer.memory", 32L * 1024 * 1024);
        assertThat(limit.consumerSettings()).containsEntry("max.partition.fetch.bytes", kafka)
                .containsEntry("fetch.max.bytes", 50 * 1024 * 1024);
        assertThat(limit.brokerSettings()).containsEntry("message.max.bytes", Integer.toString(kafka))
                .containsEntry("replica.fetch.max.bytes", Integer.toString(kafka))
                .containsEntry("socket.request.max.bytes", Integer.toString(100 * 1024 * 1024));
        assertThat(limit.topicMaxMessageBytes()).isEqualTo(Integer.toString(kafka));
    }

    @Test
    void aLargeLimitRaisesTheKafkaDefaultsThatWouldRefuseItsRecords() {
        RecordSizeLimit limit = new RecordSizeLimit(RecordSizeLimit.MAX_BYTES);
        int kafka = RecordSizeLimit.MAX_BYTES + RecordSizeLimit.FRAMING_BYTES;

        assertThat(limit.consumerSettings()).containsEntry("fetch.max.bytes", kafka);
        assertThat(limit.producerDefaults()).containsEntry("buffer.memory", 2L * kafka);
        assertThat(limit.brokerSettings()).containsEntry("socket.request.max.bytes", Integer.toString(2 * kafka));
    }

    @Test
    void aLimitOutsideTheAllowedRangeIsRefusedWithTheRange() {
        assertThatThrownBy(() -> new RecordSizeLimit(1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1048576 to 536870912").hasMessageContaining("1000");
    }
}
