/**
 * Cutover's configuration: the typed, immutable model of one bridge ({@link dev.cutover.config.BridgeConfig}),
 * its YAML loader ({@link dev.cutover.config.ConfigLoader}) and the generated reference
 * ({@link dev.cutover.config.ConfigReference}).
 *
 * <p>Every type here is immutable and thread-safe. Parsing helpers, key declarations and validators
 * live in {@code dev.cutover.config.internal} and are not part of the API.
 */
package dev.cutover.config;
