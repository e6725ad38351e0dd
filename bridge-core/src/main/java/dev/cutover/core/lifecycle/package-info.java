/**
 * The durable history of a bridge's lifecycle: every step a bridge or one of its bindings takes
 * (start, stop, pause, resume, a failure, a reload, each step of a direction switch) as a
 * {@link dev.cutover.core.lifecycle.HistoryEntry}, stored through the
 * {@link dev.cutover.core.lifecycle.HistorySink} SPI so people can read afterwards what happened
 * and when.
 */
package dev.cutover.core.lifecycle;
