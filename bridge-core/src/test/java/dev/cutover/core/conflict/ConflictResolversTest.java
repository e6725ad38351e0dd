package dev.cutover.core.conflict;

import static dev.cutover.core.conflict.ConflictFixtures.BINDING;
import static dev.cutover.core.conflict.ConflictFixtures.row;
import static dev.cutover.core.conflict.ConflictFixtures.update;
import static dev.cutover.core.conflict.ConflictFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.core.conflict.Resolution.Decision;
import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConflictResolversTest {

    private static final RowImage B = row("id", 1, "name", "Ada");

    private static ConflictSpec custom(String className, Map<String, String> options) {
        return new ConflictSpec(ConflictPolicy.CUSTOM, null, ConflictPolicy.LEGACY_WINS, className, options, false);
    }

    /** A conflict at {@code target}: the other side renamed Ada to Incoming, the target to Current. */
    private static Conflict conflictAt(SystemSide target) {
        ChangeEvent change = update(target.opposite(), B, with(B, "name", "Incoming"), "0/1");
        return new Conflict(BINDING, target, ConflictKind.UPDATE_CHANGED, change, with(B, "name", "Current"));
    }

    @ParameterizedTest(name = "prefer {0} at {1} -> {2}")
    @CsvSource({
        "legacy, NEW,    APPLY_INCOMING",
        "legacy, LEGACY, KEEP_CURRENT",
        "new,    NEW,    KEEP_CURRENT",
        "new,    LEGACY, APPLY_INCOMING"})
    void loadsAndConfiguresACustomResolverByClassName(String prefer, SystemSide target, Decision expected) {
        ConflictResolver resolver = ConflictResolvers.create(custom(TestResolvers.PreferSide.class.getName(),
                Map.of("prefer", prefer)), target, null);

        Resolution resolution = resolver.resolve(conflictAt(target));

        assertThat(resolver).isInstanceOf(TestResolvers.PreferSide.class);
        assertThat(resolution.decision()).isEqualTo(expected);
        assertThat(resolution.reason()).isEqualTo("prefer " + prefer + " (configured for " + target.label() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableClasses")
    void refusesAClassItCannotUseNamingIt(String description, String className, Map<String, String> options, String fragment) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> ConflictResolvers.create(custom(className, options), SystemSide.NEW, null));

        assertThat(e).as(description).isNotNull();
        assertThat(e.getMessage()).contains(className, fragment);
    }

    static Stream<Arguments> unusableClasses() {
        return Stream.of(
                Arguments.of("a missing class", "com.example.NoSuchResolver", Map.of(), "is not on the class path"),
                Arguments.of("a class not implementing the SPI", TestResolvers.NotAResolver.class.getName(), Map.of(),
                        ConflictResolver.class.getName()),
                Arguments.of("an abstract class", TestResolvers.AbstractResolver.class.getName(), Map.of(), "concrete"),
                Arguments.of("the SPI itself", ConflictResolver.class.getName(), Map.of(), "concrete"),
                Arguments.of("no no-argument constructor", TestResolvers.NeedsArgument.class.getName(), Map.of(),
                        "no public no-argument constructor"),
                Arguments.of("configure() rejecting the options", TestResolvers.PreferSide.class.getName(), Map.of("prefer", "both"),
                        "option 'prefer' must be legacy or new, not both"),
                Arguments.of("configure() missing an option", TestResolvers.PreferSide.class.getName(), Map.of(), "rejected its options"));
    }
}
