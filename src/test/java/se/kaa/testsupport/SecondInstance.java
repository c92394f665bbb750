package se.kaa.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import se.kaa.KaaApplication;

/**
 * Another instance of the application beside the shared test context, as a second server behind a
 * load balancer: the same settings ({@link KaaIntegrationTest}'s), the same database and the same
 * clock, on a random port of its own. Starts in about a second; close it when the test class is done.
 */
public final class SecondInstance {

    private SecondInstance() {
    }

    /** Starts it; {@code overrides} are further properties, e.g. a shorter timeout. */
    public static ConfigurableApplicationContext start(ApplicationContext first, Map<String, String> overrides) {
        HikariDataSource pool;
        try {
            pool = first.getBean(DataSource.class).unwrap(HikariDataSource.class);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        TestClock clock = first.getBean(TestClock.class);
        Map<String, String> properties = new LinkedHashMap<>();
        for (String p : AnnotationUtils.findAnnotation(KaaIntegrationTest.class, SpringBootTest.class).properties()) {
            properties.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("kaa.platform.data-dir", "target/test-data-b");
        properties.put("spring.datasource.url", pool.getJdbcUrl());
        properties.put("spring.datasource.username", pool.getUsername());
        properties.put("spring.datasource.password", pool.getPassword() == null ? "" : pool.getPassword());
        properties.putAll(overrides);
        SpringApplication application = new SpringApplicationBuilder(KaaApplication.class)
                .initializers(context -> {
                    // the first instance's clock (the instances' clocks agree), and none of the test support
                    // classes, which component scanning would otherwise find on the test class path
                    context.getBeanFactory().registerSingleton("testClock", clock);
                    context.getBeanFactory().registerSingleton("excludeTestSupport", new ExcludeTestSupport());
                })
                .build();
        // logging is the test run's: the second context neither sets it up again nor shuts it down
        List<ApplicationListener<?>> listeners = new ArrayList<>(application.getListeners());
        listeners.removeIf(l -> l instanceof LoggingApplicationListener);
        application.setListeners(listeners);
        // as arguments: they must win over application.yml, as the test context's properties do
        return application.run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
    }

    public static int port(ApplicationContext instance) {
        return ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    private static final class ExcludeTestSupport extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getClassMetadata().getClassName().startsWith("se.kaa.testsupport.");
        }

        @Override
        public boolean equals(Object obj) {
            return obj instanceof ExcludeTestSupport;
        }

        @Override
        public int hashCode() {
            return ExcludeTestSupport.class.hashCode();
        }
    }
}
