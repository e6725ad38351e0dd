package dev.cutover.runtime;

import dev.cutover.core.event.SystemSide;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which running components a reload keeps. A bridge runs one capture per database it reads and one
 * applier per database it writes, each serving several bindings; a component whose bindings are
 * exactly the same before and after the reload, none of them changed, keeps running, so the
 * bindings it serves never pause. The others restart on the new configuration (Debezium reads its
 * table list only when its engine starts). When a binding becomes the first two-way one, or the
 * last stops being two-way, the roles of both databases change (arbiter and follower, the
 * follower's marked writes and echo suppression): everything restarts. Immutable.
 *
 * @param captures the databases whose capture keeps running
 * @param appliers the databases whose applier keeps running
 * @param batches the batch bindings whose copy scheduler keeps running
 */
record ReloadScope(Set<SystemSide> captures, Set<SystemSide> appliers, Set<String> batches) {

    /** A reload that restarts everything. */
    static final ReloadScope RESTART_ALL = new ReloadScope(Set.of(), Set.of(), Set.of());

    ReloadScope {
        captures = captures.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(captures));
        appliers = appliers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(appliers));
        batches = Set.copyOf(batches);
    }

    /**
     * One direction of a binding as the scope sees it.
     *
     * @param name the binding's name
     * @param source the database captured (or copied)
     * @param target the database written
     * @param batched copied on a schedule rather than captured
     * @param twoWay one direction of a two-way binding
     */
    record Lane(String name, SystemSide source, SystemSide target, boolean batched, boolean twoWay) {

        static Lane of(CompiledBinding b) {
            return new Lane(b.name(), b.source(), b.target(), b.batched(), b.twoWay());
        }
    }

    /**
     * What a reload from {@code running} to {@code next} keeps running.
     *
     * @param unchanged the bindings whose configuration the reload leaves as it is
     */
    static ReloadScope of(List<Lane> running, List<Lane> next, Set<String> unchanged) {
        if (running.isEmpty() || next.isEmpty() || anyTwoWay(running) != anyTwoWay(next)) {
            return RESTART_ALL;
        }
        Set<SystemSide> captures = EnumSet.noneOf(SystemSide.class);
        Set<SystemSide> appliers = EnumSet.noneOf(SystemSide.class);
        for (SystemSide side : SystemSide.values()) {
            if (keeps(readers(running, side), readers(next, side), unchanged)) {
                captures.add(side);
            }
            if (keeps(writers(running, side), writers(next, side), unchanged)) {
                appliers.add(side);
            }
        }
        Set<String> batches = names(next.stream().filter(Lane::batched).toList()).stream()
                .filter(b -> unchanged.contains(b) && running.stream().anyMatch(l -> l.name().equals(b) && l.batched()))
                .collect(Collectors.toSet());
        return new ReloadScope(captures, appliers, batches);
    }

    /** True when nothing runs on: the reload is a restart of the whole pipeline. */
    boolean restartsAll() {
        return captures.isEmpty() && appliers.isEmpty() && batches.isEmpty();
    }

    /** The bindings of {@code next} served by at least one component that restarts. */
    Set<String> restartedBindings(List<Lane> next) {
        Set<String> restarted = new TreeSet<>();
        for (Lane lane : next) {
            boolean captureKept = lane.batched() ? batches.contains(lane.name()) : captures.contains(lane.source());
            if (!captureKept || !appliers.contains(lane.target())) {
                restarted.add(lane.name());
            }
        }
        return restarted;
    }

    /**
     * What keeps running, restarts, starts and stops, for the reload's progress and the history,
     * e.g. {@code kept running: capture of new, applier of legacy; restarted: capture of legacy}.
     */
    String describe(List<Lane> running, List<Lane> next) {
        Map<String, List<String>> byFate = new LinkedHashMap<>();
        for (String fate : List.of("kept running", "restarted", "started", "stopped")) {
            byFate.put(fate, new ArrayList<>());
        }
        for (SystemSide side : SystemSide.values()) {
            String fate = fate(captures.contains(side), !readers(running, side).isEmpty(), !readers(next, side).isEmpty());
            if (fate != null) {
                byFate.get(fate).add("capture of " + side.label());
            }
            fate = fate(appliers.contains(side), !writers(running, side).isEmpty(), !writers(next, side).isEmpty());
            if (fate != null) {
                byFate.get(fate).add("applier of " + side.label());
            }
        }
        Set<String> copied = new TreeSet<>(names(running.stream().filter(Lane::batched).toList()));
        copied.addAll(names(next.stream().filter(Lane::batched).toList()));
        for (String b : copied) {
            String fate = fate(batches.contains(b), running.stream().anyMatch(l -> l.batched() && l.name().equals(b)),
                    next.stream().anyMatch(l -> l.batched() && l.name().equals(b)));
            byFate.get(fate).add("copies of " + b);
        }
        return byFate.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + ": " + String.join(", ", e.getValue())).collect(Collectors.joining("; "));
    }

    /** What happens to a component that ran before ({@code ran}) and/or runs after ({@code runs}); null when neither. */
    private static String fate(boolean kept, boolean ran, boolean runs) {
        if (kept) {
            return "kept running";
        }
        if (ran && runs) {
            return "restarted";
        }
        return ran ? "stopped" : runs ? "started" : null;
    }

    private static boolean keeps(Set<String> before, Set<String> after, Set<String> unchanged) {
        return !before.isEmpty() && before.equals(after) && unchanged.containsAll(after);
    }

    /** The bindings the capture of {@code side} streams. */
    private static Set<String> readers(List<Lane> lanes, SystemSide side) {
        return names(lanes.stream().filter(l -> l.source() == side && !l.batched()).toList());
    }

    /** The bindings the applier of {@code side} writes, copied ones included. */
    private static Set<String> writers(List<Lane> lanes, SystemSide side) {
        return names(lanes.stream().filter(l -> l.target() == side).toList());
    }

    private static Set<String> names(Collection<Lane> lanes) {
        return lanes.stream().map(Lane::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static boolean anyTwoWay(List<Lane> lanes) {
        return lanes.stream().anyMatch(Lane::twoWay);
    }
}
