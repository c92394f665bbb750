package se.kaa.platform.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.kaa.platform.PlatformProperties;

/**
 * Starts the embedded PostgreSQL (the same engine as production) when no external database is
 * configured, so that {@code ./mvnw spring-boot:run} works on a fresh machine and a small municipality
 * needs nothing else. Its data lives under {@code KAA_DATA_DIR} and survives restarts.
 *
 * <p>It is stopped last: after the web server has drained its requests and the schedulers and task
 * executors have finished their work (their lifecycles stop in earlier phases), never by a JVM
 * shutdown hook of its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "stop")
    EmbeddedPostgresServer embeddedPostgres(PlatformProperties properties) {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(properties.dataDir(), properties.databasePort(),
                properties.databasePoolSize(), properties.cleanDatabase());
        server.start();
        return server;
    }

    /**
     * Stops the database in the last lifecycle phase, after everything that uses it; the pool's
     * connections are closed first, so that PostgreSQL does not have to cut them off.
     */
    @Bean
    SmartLifecycle embeddedPostgresLifecycle(EmbeddedPostgresServer server, DataSource dataSource) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                if (dataSource instanceof HikariDataSource pool) {
                    pool.close();
                }
                server.stop();
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MIN_VALUE;
            }
        };
    }

    @Bean
    DataSource dataSource(EmbeddedPostgresServer server, PlatformProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.username());
        config.setPassword(server.password());
        config.setMaximumPoolSize(properties.databasePoolSize());
        config.setPoolName("kaa-embedded");
        return new HikariDataSource(config);
    }

    @Bean
    DatabaseWatchdog databaseWatchdog(EmbeddedPostgresServer server) {
        return new DatabaseWatchdog(server);
    }

    /** Replaces Spring Boot's {@code db} indicator, which would wait for the pool's connection timeout. */
    @Bean
    HealthIndicator dbHealthIndicator(EmbeddedPostgresServer server, DatabaseWatchdog watchdog) {
        return new EmbeddedDatabaseHealth(server, watchdog);
    }
}
