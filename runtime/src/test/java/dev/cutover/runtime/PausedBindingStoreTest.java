package dev.cutover.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.event.TableId;
import dev.cutover.core.schema.ColumnDef;
import dev.cutover.core.schema.ColumnType;
import dev.cutover.core.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PausedBindingStoreTest {

    @TempDir
    Path dataDir;

    private static final TableSchema LEGACY = new TableSchema(new TableId("shop", "ord"), List.of(
            new ColumnDef("id", ColumnType.INT32, "int4", false, 0, 0),
            new ColumnDef("amount", ColumnType.DECIMAL, "numeric", true, 10, 2)), List.of("id"));
    private static final TableSchema NEW = new TableSchema(new TableId("public", "orders"), List.of(
            new ColumnDef("id", ColumnType.INT32, "int4", false, 0, 0),
            new ColumnDef("amount", ColumnType.DECIMAL, "numeric", true, 12, 2)), List.of("id"));

    @Test
    void aPausedBindingIsRememberedWithItsSchemasUntilRemoved() {
        PausedBindingStore store = new PausedBindingStore(dataDir);

        store.save("orders", new PausedBindingStore.Paused(PausedBindingStore.Waits.APPLIER, LEGACY, NEW));

        assertThat(new PausedBindingStore(dataDir).load("orders")).hasValueSatisfying(p -> {
            assertThat(p.waits()).isEqualTo(PausedBindingStore.Waits.APPLIER);
            assertThat(p.legacy()).isEqualTo(LEGACY);
            assertThat(p.neu()).isEqualTo(NEW);
        });
        assertThat(store.load("items")).isEmpty();
        store.remove("orders");
        assertThat(store.load("orders")).isEmpty();
    }

    @Test
    void aFileThatIsNotARecordOfAPausedBindingIsIgnored() throws Exception {
        Files.createDirectories(dataDir.resolve("drift"));
        Files.writeString(dataDir.resolve("drift/orders.json"), "{\"waits\": \"SOMEWHERE\"}");

        assertThat(new PausedBindingStore(dataDir).load("orders")).isEmpty();
    }
}
