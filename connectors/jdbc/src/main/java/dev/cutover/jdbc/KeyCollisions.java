package dev.cutover.jdbc;

import dev.cutover.core.event.SystemSide;
import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * Whether the key generators of a two-way table's two sides can hand out the same key, and how to
 * keep them apart: each generator's values are an arithmetic progression, and two progressions
 * meet exactly when their values agree modulo the greatest common divisor of their steps within
 * the range both cover. The fix gives the legacy side the odd keys and the new side the even ones.
 * Pure and stateless.
 */
public final class KeyCollisions {

    private KeyCollisions() {
    }

    /** The smallest value both generators hand out from their next value on; empty when they never meet. */
    public static OptionalLong firstShared(KeyGenerator a, KeyGenerator b) {
        BigInteger low = lowest(a).max(lowest(b));
        BigInteger high = highest(a).min(highest(b));
        BigInteger stepA = BigInteger.valueOf(a.increment()).abs();
        BigInteger stepB = BigInteger.valueOf(b.increment()).abs();
        BigInteger gcd = stepA.gcd(stepB);
        BigInteger gap = BigInteger.valueOf(b.nextValue()).subtract(BigInteger.valueOf(a.nextValue()));
        if (low.compareTo(high) > 0 || gap.mod(gcd).signum() != 0) {
            return OptionalLong.empty();
        }
        // One common value: a.next + stepA * k with stepA * k ≡ gap (mod stepB), solved in the reduced moduli.
        BigInteger reducedB = stepB.divide(gcd);
        BigInteger k = reducedB.equals(BigInteger.ONE) ? BigInteger.ZERO
                : gap.divide(gcd).multiply(stepA.divide(gcd).modInverse(reducedB)).mod(reducedB);
        BigInteger common = BigInteger.valueOf(a.nextValue()).add(stepA.multiply(k));
        BigInteger period = stepA.divide(gcd).multiply(stepB);
        BigInteger first = low.add(common.subtract(low).mod(period));
        return first.compareTo(high) <= 0 ? OptionalLong.of(first.longValueExact()) : OptionalLong.empty();
    }

    /**
     * What gives the legacy side odd and the new side even keys from {@code floor} on: per side, an
     * {@code ALTER SEQUENCE} with increment 2 restarting at the first such key, or MariaDB's
     * {@code auto_increment_increment}/{@code auto_increment_offset} server settings.
     *
     * @param floor the lowest key either side may hand out next: above both sides' highest keys and next values
     */
    public static String fix(KeyGenerator legacy, KeyGenerator neu, long floor) {
        // An AUTO_INCREMENT has no upper bound of its own below its type's, so only sequences can take disjoint ranges.
        boolean sequences = legacy.kind() != KeyGenerator.Kind.AUTO_INCREMENT && neu.kind() != KeyGenerator.Kind.AUTO_INCREMENT;
        return "give the sides keys that cannot meet: on " + SystemSide.LEGACY.label() + " " + steps(legacy, floor, 1)
                + "; on " + SystemSide.NEW.label() + " " + steps(neu, floor, 0)
                + (sequences ? " (or disjoint ranges: one side's MAXVALUE below the other side's START)" : "");
    }

    private static String steps(KeyGenerator generator, long floor, int parity) {
        long start = Math.floorMod(floor, 2) == parity ? floor : floor + 1;
        if (generator.kind() == KeyGenerator.Kind.AUTO_INCREMENT) {
            return "set auto_increment_increment=2 and auto_increment_offset=" + (parity == 1 ? 1 : 2)
                    + " in the server's configuration (they apply to every table of that server) and run ALTER TABLE " + generator.object() + " AUTO_INCREMENT = " + start;
        }
        return "ALTER SEQUENCE " + generator.object() + " INCREMENT BY 2 RESTART WITH " + start;
    }

    private static BigInteger lowest(KeyGenerator g) {
        return BigInteger.valueOf(g.ascending() ? g.nextValue() : g.maxValue());
    }

    private static BigInteger highest(KeyGenerator g) {
        return BigInteger.valueOf(g.ascending() ? g.maxValue() : g.nextValue());
    }
}
