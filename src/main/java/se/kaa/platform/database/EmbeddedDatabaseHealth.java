package se.kaa.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The embedded database's part of {@code /actuator/health}: DOWN at once while the server is down or
 * being restarted (without waiting for the connection pool's timeout), otherwise whether it answers a
 * query on a connection of its own within two seconds. Its details are never shown to anonymous callers.
 */
final class EmbeddedDatabaseHealth implements HealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final EmbeddedPostgresServer server;
    private final DatabaseWatchdog watchdog;

    EmbeddedDatabaseHealth(EmbeddedPostgresServer server, DatabaseWatchdog watchdog) {
        this.server = server;
        this.watchdog = watchdog;
    }

    @Override
    public Health health() {
        if (!server.isAlive() || watchdog.state() != DatabaseWatchdog.State.UP) {
            return Health.down().withDetail("database", "embedded PostgreSQL")
                    .withDetail("state", watchdog.state() == DatabaseWatchdog.State.UP ? "STOPPED" : watchdog.state().name())
                    .build();
        }
        try (Connection c = server.connect(TIMEOUT); Statement s = c.createStatement()) {
            s.setQueryTimeout((int) TIMEOUT.toSeconds());
            s.execute("SELECT 1");
            return Health.up().withDetail("database", "embedded PostgreSQL").build();
        } catch (SQLException e) {
            return Health.down().withDetail("database", "embedded PostgreSQL").withDetail("error", e.getSQLState()).build();
        }
    }
}
