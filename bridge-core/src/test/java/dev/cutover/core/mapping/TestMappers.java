package dev.cutover.core.mapping;

import dev.cutover.core.event.RowImage;
import dev.cutover.core.schema.TableSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/** Custom mappers for tests; public because the engine loads them by name like a user's class. */
final class TestMappers {

    private TestMappers() {
    }

    /** Joins first_nm and last_nm into full_name with the configured separator, and splits it back. */
    public static final class FullNameMapper implements CustomRowMapper {
        private String separator;

        @Override
        public void configure(Map<String, String> options, TableSchema legacy, TableSchema newTable) {
            String value = options.get("separator");
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("option 'separator' is required and must not be empty");
            }
            separator = value;
        }

        @Override
        public RowImage toNew(RowImage mapped, RowImage legacyRow) {
            if (!legacyRow.has("first_nm") || !legacyRow.has("last_nm")) {
                return mapped;
            }
            Map<String, Object> out = new LinkedHashMap<>(mapped.asMap());
            out.put("full_name", legacyRow.get("first_nm") + separator + legacyRow.get("last_nm"));
            return RowImage.of(out);
        }

        @Override
        public RowImage toLegacy(RowImage mapped, RowImage newRow) {
            if (!newRow.has("full_name")) {
                return mapped;
            }
            String fullName = (String) newRow.get("full_name");
            int at = fullName.indexOf(separator);
            if (at < 0) {
                throw new IllegalArgumentException("full_name has no separator '" + separator + "'");
            }
            Map<String, Object> out = new LinkedHashMap<>(mapped.asMap());
            out.put("first_nm", fullName.substring(0, at));
            out.put("last_nm", fullName.substring(at + separator.length()));
            return RowImage.of(out);
        }
    }

    /** Returns the declarative result unchanged, so columns left to it stay unset. */
    public static final class ForgetfulMapper implements CustomRowMapper {
        @Override
        public void configure(Map<String, String> options, TableSchema legacy, TableSchema newTable) {
        }

        @Override
        public RowImage toNew(RowImage mapped, RowImage legacyRow) {
            return mapped;
        }

        @Override
        public RowImage toLegacy(RowImage mapped, RowImage newRow) {
            return mapped;
        }
    }

    /** Adds a column the target table does not have. */
    public static final class ExtraColumnMapper implements CustomRowMapper {
        @Override
        public void configure(Map<String, String> options, TableSchema legacy, TableSchema newTable) {
        }

        @Override
        public RowImage toNew(RowImage mapped, RowImage legacyRow) {
            Map<String, Object> out = new LinkedHashMap<>(mapped.asMap());
            out.put("nickname", "x");
            return RowImage.of(out);
        }

        @Override
        public RowImage toLegacy(RowImage mapped, RowImage newRow) {
            return mapped;
        }
    }

    /** Sets full_name and returns the id as an Integer, which the engine must coerce to the INT64 column's Long. */
    public static final class LooseTypesMapper implements CustomRowMapper {
        @Override
        public void configure(Map<String, String> options, TableSchema legacy, TableSchema newTable) {
        }

        @Override
        public RowImage toNew(RowImage mapped, RowImage legacyRow) {
            Map<String, Object> out = new LinkedHashMap<>(mapped.asMap());
            out.put("id", ((Long) mapped.get("id")).intValue());
            out.put("full_name", "n/a");
            return RowImage.of(out);
        }

        @Override
        public RowImage toLegacy(RowImage mapped, RowImage newRow) {
            return mapped;
        }
    }

    /** Lacks the public no-argument constructor the engine needs. */
    public static final class NoDefaultConstructorMapper extends ForgetfulMapperBase {
        public NoDefaultConstructorMapper(String required) {
        }
    }

    /** Fails while being created. */
    public static final class ThrowingConstructorMapper extends ForgetfulMapperBase {
        public ThrowingConstructorMapper() {
            throw new IllegalStateException("cannot start");
        }
    }

    /** Shared no-op behaviour for the mappers that never get to map a row. */
    public abstract static class ForgetfulMapperBase implements CustomRowMapper {
        @Override
        public void configure(Map<String, String> options, TableSchema legacy, TableSchema newTable) {
        }

        @Override
        public RowImage toNew(RowImage mapped, RowImage legacyRow) {
            return mapped;
        }

        @Override
        public RowImage toLegacy(RowImage mapped, RowImage newRow) {
            return mapped;
        }
    }
}
