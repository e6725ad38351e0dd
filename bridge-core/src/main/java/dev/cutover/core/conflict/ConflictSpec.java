package dev.cutover.core.conflict;

import java.util.Map;
import java.util.Objects;

/**
 * A two-way binding's conflict settings, as configured.
 *
 * @param policy how conflicts are decided
 * @param column {@link ConflictPolicy#NEWEST_WINS}: the timestamp or version column that orders
 *     versions, named as the new system names it (its legacy counterpart is found through the
 *     mapping); null for other policies
 * @param fallback decides what {@code policy} cannot: ties and deletes for newest-wins, columns
 *     changed on both sides and deletes for merge; {@link ConflictPolicy#LEGACY_WINS} or
 *     {@link ConflictPolicy#NEW_WINS}
 * @param resolverClass {@link ConflictPolicy#CUSTOM}: the {@link ConflictResolver} class; null otherwise
 * @param resolverOptions options handed to the custom resolver's {@link ConflictResolver#configure}
 * @param setReplicaIdentityFull whether the service may run {@code ALTER TABLE ... REPLICA IDENTITY FULL}
 *     on the new table, whose before images conflict detection compares; when false a table
 *     without it stops the start with an error saying so
 */
public record ConflictSpec(ConflictPolicy policy, String column, ConflictPolicy fallback, String resolverClass,
        Map<String, String> resolverOptions, boolean setReplicaIdentityFull) {

    /** Legacy wins: the legacy system stays the system of record while the rewrite catches up. */
    public static final ConflictSpec DEFAULT = new ConflictSpec(ConflictPolicy.LEGACY_WINS, null, ConflictPolicy.LEGACY_WINS,
            null, Map.of(), false);

    public ConflictSpec {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(fallback, "fallback");
        resolverOptions = Map.copyOf(resolverOptions);
        if (!fallback.decidesAlone()) {
            throw new IllegalArgumentException("conflict fallback must be legacy-wins or new-wins, not " + fallback.label());
        }
        if ((policy == ConflictPolicy.NEWEST_WINS) != (column != null)) {
            throw new IllegalArgumentException(policy == ConflictPolicy.NEWEST_WINS
                    ? "policy newest-wins needs a column" : "a conflict column is only used by policy newest-wins");
        }
        if ((policy == ConflictPolicy.CUSTOM) != (resolverClass != null)) {
            throw new IllegalArgumentException(policy == ConflictPolicy.CUSTOM
                    ? "policy custom needs a resolver class" : "a resolver class is only used by policy custom");
        }
    }
}
