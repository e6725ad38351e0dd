package dev.cutover.core.mapping;

import dev.cutover.core.schema.TableSchema;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

/** Loads, creates and configures a binding's {@link CustomRowMapper}, reporting failures as problems. */
final class CustomMapperLoader {

    static final String CLASS_LOCATION = "mapper.class";
    static final String OPTIONS_LOCATION = "mapper.options";

    private CustomMapperLoader() {
    }

    /**
     * Returns the configured mapper, or null when none is named or it could not be made ready (a
     * problem is then added).
     */
    static CustomRowMapper load(String className, Map<String, String> options, TableSchema legacy, TableSchema newTable,
            List<MappingProblem> problems) {
        if (className == null || className.isBlank()) {
            if (!options.isEmpty()) {
                problems.add(new MappingProblem(OPTIONS_LOCATION, "mapper options " + options.keySet() + " are given but no mapper class"));
            }
            return null;
        }
        CustomRowMapper mapper;
        try {
            mapper = instantiate(className);
        } catch (ReflectiveOperationException | LinkageError | IllegalArgumentException e) {
            problems.add(new MappingProblem(CLASS_LOCATION, describe(className, e)));
            return null;
        }
        try {
            mapper.configure(options, legacy, newTable);
        } catch (RuntimeException e) {
            problems.add(new MappingProblem(OPTIONS_LOCATION, "custom mapper " + className + " rejected its options "
                    + options.keySet() + ": " + (e instanceof IllegalArgumentException ? e.getMessage() : e.toString())));
            return null;
        }
        return mapper;
    }

    private static CustomRowMapper instantiate(String className) throws ReflectiveOperationException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type = Class.forName(className, true, loader != null ? loader : CustomMapperLoader.class.getClassLoader());
        if (!CustomRowMapper.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("custom mapper class " + className + " does not implement " + CustomRowMapper.class.getName());
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("custom mapper class " + className + " is abstract; name a concrete class");
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException("custom mapper class " + className + " is not public");
        }
        Constructor<?> constructor = type.getConstructor();
        return (CustomRowMapper) constructor.newInstance();
    }

    private static String describe(String className, Throwable e) {
        if (e instanceof ClassNotFoundException) {
            return "custom mapper class " + className + " was not found on the class path";
        }
        if (e instanceof NoSuchMethodException) {
            return "custom mapper class " + className + " has no public no-argument constructor";
        }
        if (e instanceof InvocationTargetException ite) {
            return "the constructor of custom mapper class " + className + " threw " + ite.getCause();
        }
        if (e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return "custom mapper class " + className + " could not be loaded: " + e;
    }
}
