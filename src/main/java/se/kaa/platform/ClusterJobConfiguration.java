package se.kaa.platform;

import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInterceptor;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Sends every call of a {@link ClusterJob} method through {@link ClusterJobs#runOnce}: the bean is
 * proxied (a subclass, so that beans injected by class still are) before the scheduler and the event
 * listeners take hold of it, and outside any transaction of the method, so the lock is taken first.
 */
@Configuration(proxyBeanMethods = false)
class ClusterJobConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static AbstractBeanFactoryAwareAdvisingPostProcessor clusterJobPostProcessor(ObjectProvider<ClusterJobs> jobs) {
        return new ClusterJobPostProcessor(jobs);
    }

    static final class ClusterJobPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

        ClusterJobPostProcessor(ObjectProvider<ClusterJobs> jobs) {
            MethodInterceptor interceptor = invocation -> {
                Method method = invocation.getMethod();
                if (invocation.getThis() != null) {
                    method = AopUtils.getMostSpecificMethod(method, AopUtils.getTargetClass(invocation.getThis()));
                }
                ClusterJob job = AnnotatedElementUtils.findMergedAnnotation(method, ClusterJob.class);
                if (job == null) {
                    return invocation.proceed();
                }
                try {
                    jobs.getObject().runOnce(job.value(), job.slot(), () -> {
                        try {
                            invocation.proceed();
                        } catch (RuntimeException | Error e) {
                            throw e;
                        } catch (Throwable e) {
                            throw new IllegalStateException("Job " + job.value() + " failed", e);
                        }
                    });
                } catch (RuntimeException e) {
                    if (!AnnotatedElementUtils.hasAnnotation(method, EventListener.class)) {
                        throw e;
                    }
                    // A catch-up run when the application is ready (cases on start, a missed daily run): its
                    // failure – the database restarting as the application starts – must not stop an
                    // application that is up; the next change, the daily run or the next start does it.
                    LoggerFactory.getLogger(ClusterJobConfiguration.class).error(
                            "Job {} failed ({}); the application goes on, and the job's work is done by its next run",
                            job.value(), e.getClass().getName());
                }
                return null;
            };
            this.advisor = new DefaultPointcutAdvisor(new AnnotationMatchingPointcut(null, ClusterJob.class, true), interceptor);
            setBeforeExistingAdvisors(true);
            setProxyTargetClass(true);
            // after the auto-proxy creator (transactions), before @Scheduled binds the bean (lowest precedence)
            setOrder(Ordered.LOWEST_PRECEDENCE - 1);
        }

        @Override
        protected boolean isEligible(Class<?> targetClass) {
            boolean eligible = super.isEligible(targetClass);
            if (eligible) {
                for (Method m : targetClass.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(ClusterJob.class) && m.getReturnType() != void.class) {
                        throw new IllegalStateException("@ClusterJob method " + targetClass.getSimpleName() + "." + m.getName()
                                + " must return void: a call another instance serves returns nothing");
                    }
                }
            }
            return eligible;
        }
    }
}
