package se.kaa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.ClassUtils;

import se.kaa.testsupport.KaaIntegrationTest;

/**
 * Every scheduled or start-up job of the application runs once across instances: each {@code @Scheduled}
 * method, start-up event listener and {@code ApplicationRunner} of a KAA bean carries
 * {@link ClusterJob}, unless it is listed below as work every instance must do for itself, with the
 * reason. A new job fails this test until that is decided.
 */
@KaaIntegrationTest
class ClusterJobGuardTest {

    /** Methods that run on every instance, and why. */
    static final Map<String, String> PER_INSTANCE = Map.of(
            "AuditVerifyRunner.run", "a command (--kaa.audit.verify) that checks the chain and exits; no job",
            "FollowUpRecovery.onStart", "starts a thread whose work runs once across instances through ClusterJobs.runOnce");

    @Autowired ApplicationContext context;

    @Test
    void everyScheduledOrStartUpJobRunsOnceAcrossInstances() {
        Set<String> jobs = new TreeSet<>();
        List<String> unguarded = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            if (type == null) {
                continue;
            }
            Class<?> user = ClassUtils.getUserClass(type);
            if (!user.getName().startsWith("se.kaa.")) {
                continue;
            }
            for (Method method : user.getDeclaredMethods()) {
                if (!isJob(user, method)) {
                    continue;
                }
                String job = user.getSimpleName() + "." + method.getName();
                if (PER_INSTANCE.containsKey(job)) {
                    continue;
                }
                jobs.add(job);
                if (!method.isAnnotationPresent(ClusterJob.class)) {
                    unguarded.add(job);
                }
            }
        }
        assertThat(jobs).as("the jobs found").contains("Recomputation.daily", "Recomputation.catchUpOnStart",
                "RetentionService.daily", "OutboxSender.scheduled", "OutboxSender.scheduledRecovery", "CaseLifecycle.onStart");
        assertThat(unguarded).as("jobs without @ClusterJob (or a reason in PER_INSTANCE)").isEmpty();
    }

    private static boolean isJob(Class<?> type, Method method) {
        if (method.isAnnotationPresent(Scheduled.class)) {
            return true;
        }
        EventListener listener = method.getAnnotation(EventListener.class);
        if (listener != null) {
            List<Class<?>> events = new ArrayList<>(List.of(listener.classes()));
            events.addAll(List.of(listener.value()));
            events.addAll(List.of(method.getParameterTypes()));
            return events.stream().anyMatch(e -> e == ApplicationReadyEvent.class || e == ApplicationStartedEvent.class
                    || e == ContextRefreshedEvent.class);
        }
        return method.getName().equals("run") && !method.isBridge()
                && (ApplicationRunner.class.isAssignableFrom(type) || CommandLineRunner.class.isAssignableFrom(type));
    }
}
