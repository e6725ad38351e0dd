package dev.cutover.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTableTest {

    @Test
    void theOverviewAlignsItsColumnsAndEachBindingListsItsDetails() throws Exception {
        List<BindingPlan> plans = List.of(
                new BindingPlan("customers", "legacy-to-new", "stream", "public.cust_mstr", "public.customers",
                        List.of("shop.new.customers (legacy -> new)"), "6 columns", null,
                        List.of("initial load of existing legacy rows on first start")),
                new BindingPlan("items", "two-way", "stream", "public.item", "public.items",
                        List.of("shop.new.items (legacy -> new)", "shop.legacy.item (new -> legacy)"), "4 columns",
                        "legacy-wins; arbiter: legacy", List.of("a", "b")));

        String text = PlanTable.render(TestConfigs.shop("- { name: c, legacy: a, new: b, direction: legacy-to-new }"), plans);

        assertThat(text).contains("""
                BINDING    DIRECTION      MODE    LEGACY TABLE -> NEW TABLE
                customers  legacy-to-new  stream  public.cust_mstr -> public.customers
                items      two-way        stream  public.item -> public.items
                """);
        assertThat(text).contains("""
                items
                  topics:       shop.new.items (legacy -> new)
                                shop.legacy.item (new -> legacy)
                  mapping:      4 columns
                  conflicts:    legacy-wins; arbiter: legacy
                """);
        assertThat(text).contains("  conflicts:    none (one system writes)\n");
        assertThat(text).doesNotContain("s3cret-Pw");
    }
}
