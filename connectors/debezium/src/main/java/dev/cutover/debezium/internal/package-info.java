/**
 * Internals of the Debezium capture: configuration translation, record conversion and batch
 * dispatch. Not an API; anything here may change without notice.
 */
package dev.cutover.debezium.internal;
