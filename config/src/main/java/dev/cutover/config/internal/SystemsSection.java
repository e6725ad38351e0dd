package dev.cutover.config.internal;

import dev.cutover.config.SystemOptions;
import dev.cutover.core.event.SystemSide;
import java.util.List;

/** The {@code systems} section: the legacy and the new database. Stateless. */
final class SystemsSection {

    static final Key<SystemOptions> LEGACY = Key.required(SystemSide.LEGACY.label(),
            SystemSection.type(SystemSide.LEGACY), "The legacy system's database.");
    static final Key<SystemOptions> NEW = Key.required(SystemSide.NEW.label(),
            SystemSection.type(SystemSide.NEW), "The new system's database.");

    static final Section SECTION = new Section("systems", "The two databases kept in sync.", List.of(LEGACY, NEW));
    static final SectionType<Systems> TYPE = SectionType.of(SECTION, SystemsSection::assemble);

    private SystemsSection() {
    }

    /** Both systems, checked. */
    record Systems(SystemOptions legacy, SystemOptions neu) {
    }

    private static Systems assemble(Values v) {
        return v.complete() ? new Systems(v.get(LEGACY), v.get(NEW)) : null;
    }
}
