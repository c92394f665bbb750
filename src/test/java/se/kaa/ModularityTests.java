package se.kaa;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The module layout of docs/architecture.md, enforced: no cycles, no reaching into internals. Pure
 * analysis of the compiled classes (no context, database or browser): it runs in the second lane.
 */
@se.kaa.testsupport.ProcessLane
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(KaaApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }
}
