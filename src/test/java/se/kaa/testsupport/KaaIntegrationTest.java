package se.kaa.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The one application context all integration tests share (one embedded PostgreSQL per JVM): the
 * whole application on a random port, an empty database, a settable clock, and the administrator
 * {@value #USER} / {@value #PASSWORD} (role ADMINISTRATOR, every served municipality; users of the
 * other roles come from {@link TestUsers}). Tests call {@link DatabaseCleaner#clean()} and
 * {@link TestClock#reset()} in their {@code @BeforeEach} as they need.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kaa.platform.data-dir=target/test-data",
        "kaa.platform.clean-database=true",
        "kaa.platform.demo-data=false",
        "kaa.platform.municipalities=2380,2361,9999",
        "kaa.intake.max-file-size=2MB",
        "kaa.targetgroup.catch-up-on-start=false",
        // the outbox sender and the retry of failed follow-ups run only when a test calls them
        "kaa.casework.messages.send-interval=1h",
        "kaa.platform.follow-up-retry-interval=1h",
        // a file over the limit is refused as it streams in, with less left unread than Tomcat reads to
        // the end (max-swallow-size, 2 MB) before it answers: the 413 arrives whole instead of racing
        // a reset connection, as it did for a request refused by its length with 4 MB still to come
        "spring.servlet.multipart.max-file-size=3MB",
        "spring.servlet.multipart.max-request-size=8MB",
        // the lowest bcrypt cost: every HTTP Basic request of the sweeps checks a hash (production: 10)
        "kaa.security.bcrypt-cost=4",
        "kaa.security.admin-username=" + KaaIntegrationTest.USER,
        "kaa.security.admin-password=" + KaaIntegrationTest.PASSWORD,
})
@Import(TestSupportConfiguration.class)
public @interface KaaIntegrationTest {
    String USER = "test-admin";
    String PASSWORD = "test-admin-password";
}
