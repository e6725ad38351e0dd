package dev.cutover.cli.check;

import dev.cutover.config.BindingOptions;
import dev.cutover.config.BridgeConfig;
import dev.cutover.core.conflict.ConflictPolicy;
import dev.cutover.core.event.SystemSide;
import dev.cutover.core.mapping.MappingException;
import dev.cutover.core.mapping.MappingProblem;
import dev.cutover.core.mapping.TableMapping;
import dev.cutover.core.schema.TableSchema;
import dev.cutover.jdbc.JdbcSchemaException;
import dev.cutover.jdbc.JdbcSchemaReader;
import dev.cutover.jdbc.TableNotFoundException;
import dev.cutover.jdbc.UnsupportedColumnTypeException;
import dev.cutover.runtime.BindingCompiler;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every binding against the real tables as {@link BindingCompiler} does at start (tables
 * and columns exist, types convert, the key maps onto the new table's key, a mapping written back
 * onto the legacy table is invertible, a newest-wins column exists on both sides) but only reads:
 * unlike the compiler it never sets a replica identity. Replica identity is checked by
 * {@link dev.cutover.cli.check.postgres.PostgresReplicaIdentityCheck}.
 */
public final class MappingReview {

    private MappingReview() {
    }

    /** Reads both tables of every binding and compiles its mapping; one entry per binding, in file order. */
    public static List<ReviewedBinding> review(BridgeConfig config) {
        Map<SystemSide, JdbcSchemaReader> readers = new EnumMap<>(SystemSide.class);
        for (SystemSide side : SystemSide.values()) {
            readers.put(side, new JdbcSchemaReader(BindingCompiler.connections(config.system(side))));
        }
        List<ReviewedBinding> reviewed = new ArrayList<>();
        for (BindingOptions binding : config.bindings()) {
            reviewed.add(review(binding, readers));
        }
        return reviewed;
    }

    private static ReviewedBinding review(BindingOptions binding, Map<SystemSide, JdbcSchemaReader> readers) {
        List<Finding> problems = new ArrayList<>();
        TableSchema legacy = read(binding, SystemSide.LEGACY, readers.get(SystemSide.LEGACY), problems);
        TableSchema neu = read(binding, SystemSide.NEW, readers.get(SystemSide.NEW), problems);
        if (legacy == null || neu == null) {
            return new ReviewedBinding(binding, legacy, neu, null, problems);
        }
        TableMapping mapping;
        try {
            mapping = TableMapping.compile(binding.mapping(), legacy, neu);
        } catch (MappingException e) {
            for (MappingProblem p : e.problems()) {
                String path = binding.path() + "." + p.location();
                problems.add(Finding.problem(path, p.message(), "correct " + path + " to fit the tables, or change the tables"));
            }
            return new ReviewedBinding(binding, legacy, neu, null, problems);
        }
        if (BindingSides.written(binding).contains(SystemSide.LEGACY) && !mapping.invertible()) {
            for (MappingProblem p : mapping.inversionProblems()) {
                String path = binding.path() + "." + p.location();
                problems.add(Finding.problem(path, p.message() + " (direction " + binding.direction().label()
                        + " maps new rows back onto the legacy table, so the mapping must be invertible)",
                        "make " + path + " map each new value back to one legacy value, or use direction legacy-to-new"));
            }
        }
        if (BindingSides.twoWay(binding)) {
            checkOrderingColumn(binding, mapping, problems);
        }
        String watermark = BindingCompiler.watermarkProblem(binding, mapping);
        if (watermark != null) {
            String path = binding.path() + ".batch.watermark";
            problems.add(Finding.problem(path, watermark, "name in " + path + " a column that grows whenever a row changes,"
                    + " or leave it out to copy the whole table each time"));
        }
        return new ReviewedBinding(binding, legacy, neu, mapping, problems);
    }

    /** Newest-wins orders the two sides' versions by a column both sides have. */
    private static void checkOrderingColumn(BindingOptions binding, TableMapping mapping, List<Finding> problems) {
        if (binding.conflict().policy() != ConflictPolicy.NEWEST_WINS) {
            return;
        }
        String column = binding.conflict().column();
        if (!mapping.newRowSchema().columnNames().contains(column) || mapping.legacyColumnFeeding(column) == null) {
            String path = binding.path() + ".conflict.column";
            problems.add(Finding.problem(path, "'" + column + "' must be a column of new table " + mapping.newSchema().table()
                    + " that a legacy column of " + mapping.legacySchema().table()
                    + " feeds, so both sides can order their versions by it",
                    "name in " + path + " a timestamp or version column of " + mapping.newSchema().table() + " that is mapped from "
                            + mapping.legacySchema().table()));
        }
    }

    private static TableSchema read(BindingOptions binding, SystemSide side, JdbcSchemaReader reader, List<Finding> problems) {
        String path = binding.path() + "." + side.label();
        try {
            return side == SystemSide.LEGACY
                    ? reader.read(binding.legacyTable(), binding.mapping().key())
                    : reader.read(binding.newTable());
        } catch (TableNotFoundException e) {
            problems.add(Finding.problem(path, e.getMessage(), "create table " + e.table() + " in the " + side.label()
                    + " database, or correct " + path));
        } catch (UnsupportedColumnTypeException e) {
            problems.add(Finding.problem(path, e.getMessage(), "change the column's type, or bind another table in " + path));
        } catch (JdbcSchemaException e) {
            problems.add(Finding.problem(path, e.getMessage(), "make table " + BindingSides.table(binding, side)
                    + " readable by the " + side.label() + " system's user, or correct " + path + " (and " + binding.path()
                    + ".key)"));
        }
        return null;
    }
}
