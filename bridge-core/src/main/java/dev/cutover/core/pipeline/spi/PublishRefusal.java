package dev.cutover.core.pipeline.spi;

import dev.cutover.core.event.ChangeEvent;
import java.util.Objects;

/**
 * A change the publisher would not send because of the change itself, not because of the broker:
 * it does not fit the topic's schema, or its record is larger than the publisher may send. The
 * caller parks it in the {@link DeadLetterSink} with {@link #stage} and {@link #reason}; sending it
 * again would fail the same way.
 *
 * @param change the refused change, as it was handed to the publisher
 * @param stage where it was refused: {@value #ENCODE} or {@value #PUBLISH}
 * @param reason why, naming binding, table, key and the column or size at fault; never values of
 *     non-key columns, never credentials
 */
public record PublishRefusal(ChangeEvent change, String stage, String reason) {

    /** Stage of a change that does not fit the topic's schema (a null in a NOT NULL column, a decimal too precise). */
    public static final String ENCODE = "encode";
    /** Stage of a change whose record is too large to send. */
    public static final String PUBLISH = "publish";

    public PublishRefusal {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
    }
}
