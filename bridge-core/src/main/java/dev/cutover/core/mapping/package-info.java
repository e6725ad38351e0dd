/**
 * Table mappings: how a row of a legacy table becomes a row of its new table, and back.
 *
 * <p>A binding's mapping is declared as a {@link dev.cutover.core.mapping.TableMappingSpec} and
 * compiled with {@link dev.cutover.core.mapping.TableMapping#compile} against the schemas read
 * from both databases at start. Compilation reports every problem at once, each located relative
 * to the binding's configuration entry ({@code columns.<legacy column>}, {@code .values},
 * {@code .convert}, {@code defaults.<new column>}, {@code legacy-defaults.<legacy column>},
 * {@code key}, {@code mapper.class}, {@code mapper.options}).
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Columns.</b> A legacy column without a rule maps to the new column of the same name.
 *       A rule may rename it, give it a value map or a conversion, or ignore it. A legacy column
 *       with no counterpart must be ignored; rules may only name existing columns; two legacy
 *       columns may not feed the same new column.</li>
 *   <li><b>New-only columns.</b> A new column that no legacy column feeds needs a default: a
 *       constant written into every after image, or null to leave the column out of the row so
 *       that the database's column default applies. With a custom mapper, such a column is the
 *       mapper's to fill.</li>
 *   <li><b>Types.</b> A column maps as it is when both types are the same or the new type is a
 *       lossless widening: INT16 &rarr; INT32 &rarr; INT64 &rarr; DECIMAL, FLOAT32 &rarr; FLOAT64,
 *       STRING &harr; JSON. Numbers never become text implicitly. Anything else needs a conversion
 *       whose legacy and new types fit (see {@link dev.cutover.core.mapping.Conversions}) or a
 *       value map. Every value ends in exactly the target column's canonical Java type
 *       ({@link dev.cutover.core.mapping.ValueCoercion}); narrowing back (INT64 to INT32 on the
 *       way to legacy) succeeds only when the value fits.</li>
 *   <li><b>Value maps</b> are written as text; keys are read as the legacy column's type and values
 *       as the new column's type ({@code "1"} for an integer, {@code "true"} for a boolean). A
 *       value missing from the map fails the row, naming the column and the known keys; it is
 *       never passed through. Null always maps to null.</li>
 *   <li><b>Defaults</b> ({@code defaults} for new columns, {@code legacy-defaults} for legacy
 *       ones) are coerced to the column's type when the mapping is compiled. They are added to
 *       after images only; before images, which may hold only the key, are mapped as far as
 *       they go.</li>
 *   <li><b>Key.</b> The configured legacy key, or the legacy primary key, must map onto exactly
 *       the new table's key columns.</li>
 *   <li><b>Inverse.</b> Renames, one-to-one value maps, widenings and conversions invert. A
 *       many-to-one value map does not, nor does an ignored NOT NULL legacy column without a
 *       legacy default (unless a custom mapper fills it). A mapping that does not invert still
 *       compiles; {@link dev.cutover.core.mapping.TableMapping#invertible()} and
 *       {@link dev.cutover.core.mapping.TableMapping#inversionProblems()} say so, and a two-way
 *       binding must refuse it.</li>
 *   <li><b>Custom mapper.</b> A {@link dev.cutover.core.mapping.CustomRowMapper} named by class runs
 *       after the declarative rules in both directions and sees the source row as well.</li>
 *   <li><b>Schema drift.</b> A row with a column the compiled mapping does not know fails rather
 *       than losing the column; restarting recompiles against the current schema.</li>
 * </ul>
 *
 * <p>Everything here is free of I/O and thread-safe once compiled.
 */
package dev.cutover.core.mapping;
