package se.kaa.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    TestUsers testUsers(JdbcClient jdbc, org.springframework.security.crypto.password.PasswordEncoder encoder) {
        return new TestUsers(jdbc, encoder);
    }

    /** The upload spool, with a switch for a full disk. */
    @Bean
    @Primary
    FullDisk fullDisk(se.kaa.platform.PlatformProperties properties) {
        return new FullDisk(properties);
    }

    @Bean
    DatabaseCleaner databaseCleaner(JdbcClient jdbc, se.kaa.intake.SchoolUnits schoolUnits) {
        return new DatabaseCleaner(jdbc, schoolUnits);
    }
}
