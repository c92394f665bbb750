package se.kaa.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a scheduled or start-up job (a {@code @Scheduled} method, an {@code ApplicationReadyEvent}
 * listener, an {@code ApplicationRunner}) that must run on one instance only when several instances
 * share one database: the call goes through {@link ClusterJobs#runOnce}. A call that another instance
 * has already served, or is serving, returns at once without running the method, so the method must
 * return {@code void}.
 *
 * <pre>
 * &#64;Scheduled(cron = "0 5 0 * * *", zone = "Europe/Stockholm")
 * &#64;ClusterJob(value = "recompute-daily", slot = ClusterJobs.Slot.DAY)
 * public void daily() { … }
 * </pre>
 *
 * <p>The bean is proxied (a subclass), so the method must not be private or final, and it runs once
 * only when called through the bean – as the scheduler, the event listeners and other beans do – not
 * from within its own class.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ClusterJob {

    /** The job's name: unique in the application; its lock and its rows in {@code platform_job_run}. */
    String value();

    /** How often it may run across all instances. */
    ClusterJobs.Slot slot() default ClusterJobs.Slot.EXCLUSIVE;
}
