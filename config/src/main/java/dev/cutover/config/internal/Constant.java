package dev.cutover.config.internal;

/**
 * A constant from the file, wrapped so that null (leave the column to the database) is a valid value.
 *
 * @param value a String, Long, BigInteger, BigDecimal, Boolean, or null
 */
record Constant(Object value) {
}
