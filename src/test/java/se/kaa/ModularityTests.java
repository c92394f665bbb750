package se.kaa;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module layout of docs/architecture.md, enforced: no cycles, no reaching into internals. */
// a unit test without the Spring context: it runs beside the other classes (junit-platform.properties)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(KaaApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }
}
