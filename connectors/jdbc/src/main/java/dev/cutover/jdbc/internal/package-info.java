/** Implementation of the JDBC connector; not API, may change without notice. */
package dev.cutover.jdbc.internal;
