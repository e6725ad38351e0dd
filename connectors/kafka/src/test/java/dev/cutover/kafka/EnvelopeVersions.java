package dev.cutover.kafka;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** Earlier shapes of the value envelope, for schema evolution tests. */
final class EnvelopeVersions {

    private EnvelopeVersions() {
    }

    /**
     * {@code current} as the envelope was before partial after images: no {@code absent} field and
     * {@code after} a union of null and the full row only. Same record names, another fingerprint.
     */
    static Schema beforePartialImages(Schema current) {
        Schema row = AvroSchemas.rowSchemaOf(current);
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            if (f.name().equals("absent")) {
                continue;
            }
            Schema type = f.name().equals("after") ? Schema.createUnion(Schema.create(Schema.Type.NULL), row) : f.schema();
            fields.add(new Schema.Field(f, type));
        }
        Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false);
        older.setFields(fields);
        // through JSON, so that no record object is shared with the current schema
        return new Schema.Parser().parse(older.toString());
    }
}
