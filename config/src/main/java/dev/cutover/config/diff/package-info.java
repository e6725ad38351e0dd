/**
 * What a reload would change: {@link dev.cutover.config.diff.ConfigDiff} compares the configuration
 * that runs with the file to load and returns a {@link dev.cutover.config.diff.ReloadPlan}, binding by
 * binding, with everything a reload cannot apply live named by its configuration path.
 *
 * <p>Pure and free of I/O: whether a changed mapping fits the real tables is only known when it is
 * compiled against their schemas, which the runtime does before applying the plan. Every type here is
 * immutable and thread-safe.
 */
package dev.cutover.config.diff;
