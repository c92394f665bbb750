package se.kaa.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import se.kaa.testsupport.AppProcess;

/**
 * A cluster made by an earlier KAA – zonky's {@code EmbeddedPostgres}, {@code initdb -A trust}, which
 * let any local process in as superuser without a password – is secured at the first start: the
 * superuser gets the generated password, pg_hba.conf asks for it, the log says so, and the data stays.
 */
class EmbeddedPostgresServerTest {

    @Test
    void aTrustClusterOfAnEarlierVersionIsSecuredAtStartAndKeepsItsData() throws Exception {
        Path dir = AppProcess.scratchDirectory("trust-cluster");
        Path pgData = dir.resolve("postgres");
        // exactly how KAA started its database before (EmbeddedDatabaseConfiguration with zonky)
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dir.resolve("pg-binaries").toFile()).setLocaleConfig("locale", "C.UTF-8")
                .start(); Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (value text)");
            s.execute("INSERT INTO kept VALUES ('from before')");
        }
        assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).contains("trust");

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(EmbeddedPostgresServer.class);
        logger.addAppender(log);
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(dir, 0, 2, false);
        try {
            server.start();
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(m -> assertThat(m).startsWith("Secured the embedded PostgreSQL in " + pgData)
                            .contains("(trust)").contains(dir.resolve("postgres.password").toString()));

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("postgres.password"))))
                    .isEqualTo("rw-------");
            Properties noPassword = new Properties();
            noPassword.setProperty("user", "postgres");
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), noPassword).close())
                    .isInstanceOf(SQLException.class);
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password());
                 Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT value FROM kept")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("from before");
            }
            assertThat(Files.readString(pgData.resolve("pg_hba.conf")).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))).allSatisfy(l -> assertThat(l).endsWith("scram-sha-256"));
        } finally {
            server.stop();
            logger.detachAppender(log);
        }

        // the next start finds it secured, and uses the same password
        log.list.clear();
        logger.addAppender(log);
        EmbeddedPostgresServer again = new EmbeddedPostgresServer(dir, 0, 2, false);
        try {
            again.start();
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).noneSatisfy(m -> assertThat(m).startsWith("Secured"));
            assertThat(again.password()).isEqualTo(server.password());
        } finally {
            again.stop();
            logger.detachAppender(log);
        }
    }
}
