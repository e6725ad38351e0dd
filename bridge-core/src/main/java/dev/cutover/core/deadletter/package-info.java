/**
 * Dead letters and the rows they block.
 *
 * <p>A change that cannot be mapped, published or applied becomes a dead letter
 * ({@link dev.cutover.core.deadletter.DeadLetterEntry.DeadLetter}) that blocks its target row
 * ({@link dev.cutover.core.deadletter.BlockKey}); every later change of that row is held behind it
 * until a person replays or discards it, then applied in order. Every step is an entry of one
 * durable log, folded by {@link dev.cutover.core.deadletter.DeadLetterIndex}; the
 * {@link dev.cutover.core.deadletter.DeadLetterLedger} stores each entry before it takes effect, and
 * the {@link dev.cutover.core.deadletter.BlockedKeyGate} keeps an applier away from blocked rows.
 *
 * <p>Why hold rather than apply a blocked row's later changes: a later full image would be
 * overwritten when the older dead letter is replayed, and a partial image (an update whose
 * unchanged TOASTed columns were not logged) applied onto a missing row would invent the absent
 * columns. Holding loses nothing and keeps each row's history in order.
 */
package dev.cutover.core.deadletter;
