package dev.cutover.debezium.internal;

import dev.cutover.core.event.SpecialValue;
import dev.cutover.core.schema.ColumnType;
import io.debezium.data.SpecialValueDecimal;
import io.debezium.data.VariableScaleDecimal;
import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import java.math.BigDecimal;
import java.util.Properties;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Carries PostgreSQL {@code numeric} values as their exact text, NaN and the infinities included,
 * under the schema name {@value #SCHEMA_NAME}.
 *
 * <p>Why a converter: Debezium's own {@code numeric} conversion has no room for {@code 'NaN'},
 * {@code 'Infinity'} and {@code '-Infinity'} in {@code decimal.handling.mode=precise} (it fails,
 * and its default failure mode writes null instead); {@code string} mode carries them but turns
 * every numeric into a plain string that nothing tells apart from text, and {@code double} mode
 * rounds. Debezium hands this converter the value it decoded, a {@link SpecialValueDecimal} from
 * pgoutput text and from the JDBC reads of loads alike, which still knows which special value it
 * was, so nothing is lost before the text is written: plain decimals as
 * {@link BigDecimal#toPlainString()} (every digit and the scale), special values as PostgreSQL
 * spells them ({@code NaN}, {@code Infinity}, {@code -Infinity}). {@link CanonicalValues} reads
 * the text back.
 *
 * <p>Registered through the connector's {@code converters} property for columns whose type is
 * {@code numeric} or {@code decimal}; Debezium creates and calls it on its own threads.
 */
public final class PostgresNumericConverter implements CustomConverter<SchemaBuilder, RelationalColumn> {

    /** The Connect schema name of the values this converter produces. */
    public static final String SCHEMA_NAME = "dev.cutover.PostgresNumeric";

    @Override
    public void configure(Properties properties) {
        // nothing to configure
    }

    @Override
    public void converterFor(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
        String type = column.typeName();
        if ("numeric".equalsIgnoreCase(type) || "decimal".equalsIgnoreCase(type)) {
            // Always optional: the before image of a delete under REPLICA IDENTITY DEFAULT carries only the key, and
            // Debezium fills the other fields with null, which a required field refuses (it stopped the capture).
            registration.register(SchemaBuilder.string().name(SCHEMA_NAME).optional(), PostgresNumericConverter::text);
        }
    }

    /** The exact text of a decoded numeric, or null for null. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof SpecialValueDecimal decimal) {
            return decimal.getDecimalValue().map(BigDecimal::toPlainString).orElseGet(() -> Double.toString(decimal.toDouble()));
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Struct struct) {
            // A default value Debezium already converted to its variable-scale form.
            return text(VariableScaleDecimal.toLogical(struct));
        }
        if (value instanceof String text && SpecialValue.parse(text, ColumnType.DECIMAL) != null) {
            return text;
        }
        if (value instanceof Number || value instanceof String) {
            return text(new BigDecimal(value.toString()));
        }
        throw new IllegalArgumentException("a numeric value arrived as " + value.getClass().getName());
    }
}
