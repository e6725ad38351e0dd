package dev.cutover.core.conflict;

import dev.cutover.core.event.SystemSide;
import java.util.Map;

/** Custom resolvers for tests; public because the engine loads them by name like a user's class. */
final class TestResolvers {

    private TestResolvers() {
    }

    /** Lets the side named in option {@code prefer} win, and remembers how it was configured. */
    public static final class PreferSide implements ConflictResolver {
        private SystemSide preferred;
        private SystemSide target;

        @Override
        public void configure(Map<String, String> options, SystemSide target) {
            String prefer = options.get("prefer");
            if (!"legacy".equals(prefer) && !"new".equals(prefer)) {
                throw new IllegalArgumentException("option 'prefer' must be legacy or new, not " + prefer);
            }
            this.preferred = "legacy".equals(prefer) ? SystemSide.LEGACY : SystemSide.NEW;
            this.target = target;
        }

        @Override
        public Resolution resolve(Conflict conflict) {
            String reason = "prefer " + preferred.label() + " (configured for " + target.label() + ")";
            return preferred == conflict.source() ? Resolution.applyIncoming(reason) : Resolution.keepCurrent(reason);
        }
    }

    /** Implements the SPI but has no no-argument constructor. */
    public static final class NeedsArgument implements ConflictResolver {
        public NeedsArgument(String argument) {
        }

        @Override
        public Resolution resolve(Conflict conflict) {
            return Resolution.park(conflict.kind().label());
        }
    }

    /** Not a resolver at all. */
    public static final class NotAResolver {
    }

    /** Declared abstract, so it cannot be created. */
    public abstract static class AbstractResolver implements ConflictResolver {
    }
}
