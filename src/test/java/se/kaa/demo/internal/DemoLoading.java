package se.kaa.demo.internal;

import org.springframework.context.ApplicationContext;

/** Loads the demo municipality through the import pipeline, for tests of other modules that need a worked one. */
public final class DemoLoading {

    private DemoLoading() {
    }

    /** True when it loaded (the database held no import batch). */
    public static boolean load(ApplicationContext context) {
        return context.getBean(DemoDataLoader.class).loadIfEmpty();
    }
}
