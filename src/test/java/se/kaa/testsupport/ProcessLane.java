package se.kaa.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The class runs in the second lane, beside the classes that run one after another in the main thread,
 * one at a time with the classes that start application processes ({@link AppProcess#RESOURCE}). For
 * those, and for a few slow unit tests that share nothing with the main lane (no Spring context, no
 * database, no browser): the second lane ends long before the main one, and a core is idle meanwhile
 * (see junit-platform.properties).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(AppProcess.RESOURCE)
public @interface ProcessLane {
}
