package dev.cutover.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.SystemSide;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvscExporterTest {

    @TempDir
    Path dir;

    @Test
    void writesTheKeyAndValueSchemaOfEveryTopic() throws Exception {
        BindingRoute items = BindingRoute.of("shop", "items", Items.SCHEMA, SystemSide.NEW);
        BindingRoute all = BindingRoute.of("shop", "all", TestTables.allTypes(), SystemSide.LEGACY);

        List<Path> written = AvscExporter.write(dir.resolve("schemas"), List.of(items, all), "shop");

        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly(
                "shop.new.items-key.avsc", "shop.new.items-value.avsc", "shop.legacy.all_types-key.avsc", "shop.legacy.all_types-value.avsc");
        Schema value = new Schema.Parser().parse(Files.readString(written.get(3)));
        assertThat(value).isEqualTo(AvroSchemas.valueSchema("shop", SystemSide.LEGACY, TestTables.allTypes()));
        assertThat(value.getField("absent")).as("partial after images are part of the exported shape").isNotNull();
        assertThat(AvroSchemas.partialRowSchemaOf(value)).isPresent();
        Schema key = new Schema.Parser().parse(Files.readString(written.get(0)));
        assertThat(key).isEqualTo(AvroSchemas.keySchema("shop", SystemSide.NEW, Items.SCHEMA));
    }
}
