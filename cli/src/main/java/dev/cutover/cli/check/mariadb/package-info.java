/**
 * MariaDB's preflight checks, contributed through {@link dev.cutover.cli.check.mariadb.MariaDbChecks}.
 * They judge the readings of {@code dev.cutover.jdbc.mariadb} into findings and run no SQL of
 * their own, so that {@code cutover check} and a capture's start read the server the same way.
 */
package dev.cutover.cli.check.mariadb;
