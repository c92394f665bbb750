package se.kaa;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module layout of docs/architecture.md, enforced: no cycles, no reaching into internals. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(KaaApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }
}
