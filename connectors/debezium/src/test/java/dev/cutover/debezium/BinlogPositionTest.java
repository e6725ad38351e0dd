package dev.cutover.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BinlogPositionTest {

    @Test
    void printsAndParsesFilePositionAndRow() {
        BinlogPosition p = new BinlogPosition("mariadb-bin.000003", 1234, 2);

        assertThat(p).hasToString("mariadb-bin.000003:1234:2");
        assertThat(BinlogPosition.parse("mariadb-bin.000003:1234:2")).isEqualTo(p);
    }

    @Test
    void ordersByFileThenPositionThenRow() {
        assertThat(BinlogPosition.parse("b.000001:900:5")).isLessThan(BinlogPosition.parse("b.000002:4:0"));
        assertThat(BinlogPosition.parse("b.000002:4:9")).isLessThan(BinlogPosition.parse("b.000002:10:0"));
        assertThat(BinlogPosition.parse("b.000002:10:0")).isLessThan(BinlogPosition.parse("b.000002:10:1"));
    }

    @Test
    void rejectsWhatIsNoPosition() {
        assertThatThrownBy(() -> BinlogPosition.parse("0/16B3748")).hasMessageContaining("not a binlog position");
        assertThatThrownBy(() -> BinlogPosition.parse("b.000001:x:0")).hasMessageContaining("not a binlog position");
        assertThatThrownBy(() -> BinlogPosition.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BinlogPosition("b.000001", -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
