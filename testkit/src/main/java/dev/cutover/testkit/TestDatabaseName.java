package dev.cutover.testkit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a test database: {@code <prefix>_<epoch seconds of creation>_<6 random hex digits>}.
 * The creation time in the name lets a later run tell leftovers of a crashed run by age. Shared by
 * the PostgreSQL and MariaDB fixtures.
 *
 * @param prefix lowercase letters, digits and underscores, starting with a letter, at most 40 characters
 * @param createdAt when the name was made, to the second
 * @param random six hex digits telling apart databases made in the same second
 */
public record TestDatabaseName(String prefix, Instant createdAt, String random) {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public TestDatabaseName {
        checkPrefix(prefix);
    }

    /** Throws {@link IllegalArgumentException} unless {@code prefix} is a valid prefix. */
    public static void checkPrefix(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("test database prefix '" + prefix
                    + "' must be 1 to 40 lowercase letters, digits or underscores, starting with a letter");
        }
    }

    /** A new name with the creation time {@code now} (to the second) and fresh random digits. */
    public static TestDatabaseName fresh(String prefix, Instant now) {
        byte[] bytes = new byte[3];
        RANDOM.nextBytes(bytes);
        return new TestDatabaseName(prefix, Instant.ofEpochSecond(now.getEpochSecond()), HexFormat.of().formatHex(bytes));
    }

    /** The name, if {@code databaseName} is one made with exactly this {@code prefix}. */
    public static Optional<TestDatabaseName> parse(String prefix, String databaseName) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "_(\\d{1,12})_([0-9a-f]{6})").matcher(databaseName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new TestDatabaseName(prefix, Instant.ofEpochSecond(Long.parseLong(m.group(1))), m.group(2)));
    }

    @Override
    public String toString() {
        return prefix + "_" + createdAt.getEpochSecond() + "_" + random;
    }
}
