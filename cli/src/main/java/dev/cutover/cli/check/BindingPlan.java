package dev.cutover.cli.check;

import java.util.List;

/**
 * What one binding will do when the bridge runs, as {@code cutover plan} shows it.
 *
 * @param name the binding's name
 * @param direction the direction's label, e.g. {@code two-way}
 * @param mode the mode's label, e.g. {@code stream}
 * @param legacyTable the legacy table
 * @param newTable the new table
 * @param topics each change topic with the flow it carries, e.g. {@code shop.new.customers (legacy -> new)}; empty when nothing flows
 * @param mapping the mapping summary
 * @param conflicts how conflicts are decided and who arbitrates; null unless two-way
 * @param initialLoad whether existing rows are loaded on start, per captured side
 */
public record BindingPlan(String name, String direction, String mode, String legacyTable, String newTable, List<String> topics,
        String mapping, String conflicts, List<String> initialLoad) {

    public BindingPlan {
        topics = List.copyOf(topics);
        initialLoad = List.copyOf(initialLoad);
    }
}
