package dev.cutover.config.internal;

import dev.cutover.core.conflict.ConflictPolicy;
import dev.cutover.core.conflict.ConflictResolver;
import dev.cutover.core.conflict.ConflictSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A two-way binding's {@code conflict} section: the policy and the keys only some policies use.
 * Checks every combination itself, so that each problem names its path, before
 * {@link ConflictSpec}'s constructor would reject it. Stateless.
 */
final class ConflictSection {

    private static final ConflictSpec DEFAULT = ConflictSpec.DEFAULT;

    static final Key<ConflictPolicy> POLICY = Key.withDefault("policy",
            ChoiceType.of(List.of(ConflictPolicy.values()), ConflictPolicy::label, Map.of()), DEFAULT.policy(),
            "How a conflict is decided: `legacy-wins` or `new-wins` keep that side's version, `newest-wins` keeps the"
                    + " version with the greater `column`, `merge` keeps each column changed on one side only from that"
                    + " side, `manual` leaves the target as it is and parks the conflict for a person, `custom` asks"
                    + " `resolver`.");
    static final Key<String> COLUMN = Key.optional("column", Types.string(),
            "`newest-wins` only, and required there: the timestamp or version column that orders the two versions,"
                    + " named as the new system names it (its legacy counterpart is found through the mapping).");
    static final Key<ConflictPolicy> FALLBACK = Key.withDefault("fallback",
            ChoiceType.of(List.of(ConflictPolicy.LEGACY_WINS, ConflictPolicy.NEW_WINS), ConflictPolicy::label, Map.of()),
            DEFAULT.fallback(),
            "`newest-wins` and `merge` only: decides what the policy cannot; for `newest-wins` ties, deletes and"
                    + " missing or null values of `column`, for `merge` columns changed on both sides and deletes.");
    static final Key<String> RESOLVER = Key.optional("resolver", Types.string(),
            "`custom` only, and required there: fully qualified name of a public class with a no-argument"
                    + " constructor implementing `" + ConflictResolver.class.getName() + "`; it must be on the class path.")
            .validatedBy(Validators.javaClassName());
    static final Key<Map<String, Text>> OPTIONS = Key.withDefault("options",
            new MapType<>(Types.text(), "map of option -> value", false), Map.of(),
            "`custom` only: options handed to the resolver's `configure`; a value is hidden in logs when its key"
                    + " contains password, secret, jaas or credentials, or when it comes from a reference.");
    static final Key<Boolean> SET_REPLICA_IDENTITY_FULL = Key.withDefault("set-replica-identity-full", Types.bool(),
            DEFAULT.setReplicaIdentityFull(),
            "Whether the service may run `ALTER TABLE ... REPLICA IDENTITY FULL` on the new table, which conflict"
                    + " detection needs to see whole before images; when false, a table without it stops the start"
                    + " with an error saying so.");

    static final Section SECTION = new Section("bindings[].conflict",
            "How a two-way binding decides a conflict: a change whose before image no longer matches the target row"
                    + " because that row was changed on its own side too. Only two-way bindings take this section;"
                    + " when they leave it out, every key takes its default.",
            List.of(POLICY, COLUMN, FALLBACK, RESOLVER, OPTIONS, SET_REPLICA_IDENTITY_FULL));
    static final SectionType<Conflict> TYPE = SectionType.of(SECTION, ConflictSection::assemble);

    private static final Set<ConflictPolicy> USE_FALLBACK = EnumSet.of(ConflictPolicy.NEWEST_WINS, ConflictPolicy.MERGE);

    private ConflictSection() {
    }

    /**
     * A checked conflict section.
     *
     * @param hidden names of resolver options whose values must never be shown
     */
    record Conflict(ConflictSpec spec, Set<String> hidden) {
    }

    private static Conflict assemble(Values v) {
        ConflictPolicy policy = v.get(POLICY);
        if (policy == null) {
            return null;
        }
        boolean ok = requiredBy(v, COLUMN, policy, ConflictPolicy.NEWEST_WINS,
                "the timestamp or version column that orders the two versions, as the new system names it")
                & requiredBy(v, RESOLVER, policy, ConflictPolicy.CUSTOM,
                        "the class implementing " + ConflictResolver.class.getName())
                & onlyFor(v, OPTIONS, policy, Set.of(ConflictPolicy.CUSTOM))
                & onlyFor(v, FALLBACK, policy, USE_FALLBACK);
        if (!ok || !v.complete()) {
            return null;
        }
        PluginOptions options = PluginOptions.of(v.get(OPTIONS));
        return new Conflict(new ConflictSpec(policy, v.get(COLUMN), v.get(FALLBACK), v.get(RESOLVER), options.values(),
                v.get(SET_REPLICA_IDENTITY_FULL)), options.hidden());
    }

    /** {@code key} must be set under {@code owner} and is unused, so an error, under every other policy. */
    private static boolean requiredBy(Values v, Key<?> key, ConflictPolicy policy, ConflictPolicy owner, String what) {
        if (policy == owner && !v.isSet(key)) {
            v.problem(key, "policy " + owner.label() + " needs a " + key.name() + ": " + what + "; set " + v.pathOf(key));
            return false;
        }
        return onlyFor(v, key, policy, Set.of(owner));
    }

    /** Reports {@code key} when set under a policy that ignores it: a silently unused setting would mislead. */
    private static boolean onlyFor(Values v, Key<?> key, ConflictPolicy policy, Set<ConflictPolicy> users) {
        if (!v.isSet(key) || users.contains(policy)) {
            return true;
        }
        List<String> labels = List.of(ConflictPolicy.values()).stream().filter(users::contains)
                .map(ConflictPolicy::label).toList();
        v.problem(key, "is only used by policy " + String.join(" and ", labels) + ", but " + v.pathOf(POLICY) + " is "
                + policy.label() + (v.isSet(POLICY) ? "" : " (the default)") + "; remove " + key.name()
                + " or change the policy");
        return false;
    }
}
