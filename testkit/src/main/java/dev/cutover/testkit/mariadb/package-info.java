/**
 * MariaDB fixtures for integration tests: {@link dev.cutover.testkit.mariadb.MariaDbTestDatabase},
 * a fresh database per test class on the machine's server, dropped after ending its sessions.
 */
package dev.cutover.testkit.mariadb;
