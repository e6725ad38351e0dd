package dev.cutover.core.conflict;

import dev.cutover.core.event.SystemSide;
import java.lang.reflect.Modifier;

/** Creates the resolver a {@link ConflictSpec} names, for the applier of one system. */
public final class ConflictResolvers {

    private ConflictResolvers() {
    }

    /**
     * The resolver for the applier writing {@code target}.
     *
     * @param column {@code newest-wins}: the ordering column in {@code target}'s terms; ignored otherwise
     * @throws IllegalArgumentException when a custom resolver cannot be loaded or rejects its options,
     *     saying which class and why
     */
    public static ConflictResolver create(ConflictSpec spec, SystemSide target, String column) {
        SystemSide fallback = sideOf(spec.fallback());
        return switch (spec.policy()) {
            case LEGACY_WINS, NEW_WINS -> new SideWinsResolver(sideOf(spec.policy()));
            case NEWEST_WINS -> new NewestWinsResolver(column, fallback);
            case MERGE -> new MergeResolver(fallback);
            case MANUAL -> new ManualResolver();
            case CUSTOM -> custom(spec, target);
        };
    }

    private static SystemSide sideOf(ConflictPolicy policy) {
        return policy == ConflictPolicy.NEW_WINS ? SystemSide.NEW : SystemSide.LEGACY;
    }

    private static ConflictResolver custom(ConflictSpec spec, SystemSide target) {
        String name = spec.resolverClass();
        ConflictResolver resolver;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type = Class.forName(name, true, loader != null ? loader : ConflictResolvers.class.getClassLoader());
            if (!ConflictResolver.class.isAssignableFrom(type) || type.isInterface() || Modifier.isAbstract(type.getModifiers())
                    || !Modifier.isPublic(type.getModifiers())) {
                throw new IllegalArgumentException("conflict resolver class " + name + " must be a public, concrete class implementing "
                        + ConflictResolver.class.getName());
            }
            resolver = (ConflictResolver) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("conflict resolver class " + name + " is not on the class path", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("conflict resolver class " + name + " has no public no-argument constructor", e);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("conflict resolver class " + name + " could not be created: " + e, e);
        }
        try {
            resolver.configure(spec.resolverOptions(), target);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("conflict resolver " + name + " rejected its options " + spec.resolverOptions().keySet()
                    + ": " + e.getMessage(), e);
        }
        return resolver;
    }
}
