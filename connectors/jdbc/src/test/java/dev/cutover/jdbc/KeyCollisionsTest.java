package dev.cutover.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.TableId;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class KeyCollisionsTest {

    private static final TableId ITEMS = new TableId("public", "items");

    private static KeyGenerator sequence(long next, long increment) {
        return sequence(next, increment, Long.MAX_VALUE);
    }

    private static KeyGenerator sequence(long next, long increment, long max) {
        return new KeyGenerator(KeyGenerator.Kind.SEQUENCE, ITEMS, "id", "\"public\".\"items_id_seq\"", next, increment, max);
    }

    private static KeyGenerator autoIncrement(long next, long increment) {
        return new KeyGenerator(KeyGenerator.Kind.AUTO_INCREMENT, new TableId("shop", "items"), "id", "`shop`.`items`", next, increment,
                Long.MAX_VALUE);
    }

    @Test
    void twoSequencesCountingByOneMeetAtTheHigherNextValue() {
        assertThat(KeyCollisions.firstShared(sequence(10, 1), sequence(500, 1))).hasValue(500);
        assertThat(KeyCollisions.firstShared(sequence(500, 1), sequence(10, 1))).hasValue(500);
    }

    @Test
    void oddAndEvenStepsNeverMeet() {
        assertThat(KeyCollisions.firstShared(sequence(11, 2), sequence(500, 2))).isEmpty();
        assertThat(KeyCollisions.firstShared(autoIncrement(1, 2), sequence(2, 2))).isEmpty();
    }

    @Test
    void stepsThatShareADivisorMeetOnlyWhenTheResiduesAgree() {
        assertThat(KeyCollisions.firstShared(sequence(1, 4), sequence(3, 6))).as("1,5,9,13,17,21 and 3,9,15,21").hasValue(9);
        assertThat(KeyCollisions.firstShared(sequence(1, 4), sequence(2, 6))).as("odd against even").isEmpty();
        assertThat(KeyCollisions.firstShared(sequence(2, 3), sequence(100, 1))).as("2,5,...,98,101").hasValue(101);
    }

    @Test
    void disjointRangesNeverMeet() {
        assertThat(KeyCollisions.firstShared(sequence(1, 1, 999_999), sequence(1_000_000, 1))).isEmpty();
        assertThat(KeyCollisions.firstShared(sequence(1, 1, 1_000_000), sequence(1_000_000, 1))).hasValue(1_000_000);
    }

    @Test
    void aDescendingSequenceMeetsWhereItsRangeReachesTheOther() {
        KeyGenerator down = new KeyGenerator(KeyGenerator.Kind.SEQUENCE, ITEMS, "id", "s", 100, -1, 1);
        assertThat(KeyCollisions.firstShared(down, sequence(50, 1))).hasValue(50);
        assertThat(KeyCollisions.firstShared(down, sequence(101, 1))).isEmpty();
    }

    @Test
    void valuesNearTheLimitsDoNotOverflow() {
        assertThat(KeyCollisions.firstShared(sequence(Long.MAX_VALUE - 2, 5), sequence(Long.MAX_VALUE - 1, 7)))
                .isEqualTo(OptionalLong.empty());
        assertThat(KeyCollisions.firstShared(sequence(Long.MAX_VALUE - 10, 1), sequence(Long.MAX_VALUE, 1))).hasValue(Long.MAX_VALUE);
    }

    @Test
    void theFixGivesLegacyOddAndNewEvenKeysFromTheFloor() {
        assertThat(KeyCollisions.fix(sequence(10, 1), sequence(500, 1), 1000))
                .contains("on legacy ALTER SEQUENCE \"public\".\"items_id_seq\" INCREMENT BY 2 RESTART WITH 1001;")
                .contains("on new ALTER SEQUENCE \"public\".\"items_id_seq\" INCREMENT BY 2 RESTART WITH 1000 ")
                .contains("disjoint ranges");
    }

    @Test
    void theFixOfAnAutoIncrementNamesTheServerSettingsAndTheTable() {
        assertThat(KeyCollisions.fix(autoIncrement(10, 1), sequence(500, 1), 7))
                .contains("on legacy set auto_increment_increment=2 and auto_increment_offset=1")
                .contains("every table of that server")
                .contains("ALTER TABLE `shop`.`items` AUTO_INCREMENT = 7;")
                .endsWith("on new ALTER SEQUENCE \"public\".\"items_id_seq\" INCREMENT BY 2 RESTART WITH 8");
        assertThat(KeyCollisions.fix(sequence(10, 1), autoIncrement(500, 1), 7)).contains("auto_increment_offset=2")
                .as("an AUTO_INCREMENT cannot take a range below another's").doesNotContain("disjoint ranges");
    }
}
