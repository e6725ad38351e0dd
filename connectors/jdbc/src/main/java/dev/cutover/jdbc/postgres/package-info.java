/** The PostgreSQL {@link dev.cutover.jdbc.SqlDialect} (pgjdbc). */
package dev.cutover.jdbc.postgres;
