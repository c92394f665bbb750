package se.kaa.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import se.kaa.testsupport.KaaIntegrationTest;

/**
 * A job run when the application is ready (cases on start, a missed daily run) that fails – the
 * database restarting as the application starts – is logged and does not stop the application: once
 * it did ("Application run failed", seen in EmbeddedDatabaseProcessTest on a loaded machine). A
 * scheduled job's failure still reaches its caller (the scheduler logs it).
 */
@KaaIntegrationTest
class ClusterJobStartFailureTest {

    @Autowired ObjectProvider<ClusterJobs> jobs;
    @Autowired BeanFactory beanFactory;

    static class Jobs {
        final AtomicInteger runs = new AtomicInteger();

        @EventListener(ApplicationReadyEvent.class)
        @ClusterJob(value = "test-on-ready", slot = ClusterJobs.Slot.EXCLUSIVE)
        public void onReady() {
            runs.incrementAndGet();
            throw new IllegalStateException("the database went away");
        }

        @ClusterJob(value = "test-scheduled", slot = ClusterJobs.Slot.EXCLUSIVE)
        public void scheduled() {
            runs.incrementAndGet();
            throw new IllegalStateException("the database went away");
        }
    }

    @Test
    void aFailedJobOnReadyIsLoggedAndTheApplicationGoesOn() {
        ClusterJobConfiguration.ClusterJobPostProcessor proxies = new ClusterJobConfiguration.ClusterJobPostProcessor(jobs);
        proxies.setBeanFactory(beanFactory);
        Jobs target = new Jobs();
        Jobs proxy = (Jobs) proxies.postProcessAfterInitialization(target, "testJobs");
        assertThat(org.springframework.aop.support.AopUtils.isAopProxy(proxy)).as("the jobs are proxied").isTrue();

        assertThatCode(proxy::onReady).doesNotThrowAnyException();
        assertThatThrownBy(proxy::scheduled).isInstanceOf(IllegalStateException.class).hasMessage("the database went away");
        assertThat(target.runs).as("both ran, under the job lock").hasValue(2);
    }
}
