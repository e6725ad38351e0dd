/**
 * PostgreSQL fixtures for integration tests: {@link dev.cutover.testkit.postgres.PostgresTestDatabase},
 * a fresh database per test class on the machine's server, dropped with its replication slots.
 */
package dev.cutover.testkit.postgres;
