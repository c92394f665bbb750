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
@se.kaa.testsupport.ProcessLane
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

    /**
     * The backup format on its own, between two databases of one server (as with an external
     * PostgreSQL): every table and sequence comes back as it was – text with tabs, newlines and
     * backslashes, arrays, NULLs, timestamps – and the audit log's append-only trigger lets the load in.
     */
    @Test
    void aBackupRestoresIntoAnotherEmptyDatabaseRowForRowAndIsRefusedWhenDamagedOrTheTargetIsNotEmpty() throws Exception {
        Path dir = AppProcess.scratchDirectory("backup-format");
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(dir, 0, 4, true);
        server.start();
        try {
            org.postgresql.ds.PGSimpleDataSource source = dataSource(server, "postgres");
            org.flywaydb.core.Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
            try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO person (pnr, birth_date, given_name, family_name, address) VALUES "
                        + "('200701012387', '2007-01-01', 'Åsa', 'Öberg', E'Storgatan 1\\n\\ttab \\\\ back'), "
                        + "('200701232381', '2007-01-23', NULL, 'Ängström', NULL)");
                s.execute("INSERT INTO audit_entry (occurred_at, actor, actor_type, action, kind, person_ids, context, "
                        + "protected_identity, prev_hash, hash) SELECT now(), 'anna', 'USER', 'PERSON_READ', 'READ', "
                        + "array_agg(id), 'GET /personer', false, repeat('0', 64), repeat('a', 64) FROM person");
            }
            Path file = dir.resolve("backup.zip");
            BackupManifest manifest;
            try (Connection c = source.getConnection()) {
                manifest = Backup.write(c, file);
            }
            assertThat(Restore.verify(file).checksum()).isEqualTo(manifest.checksum());
            assertThat(manifest.tables()).extracting(BackupManifest.Table::name).contains("person", "audit_entry")
                    .doesNotContain(Backup.FLYWAY_TABLE);

            try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE restored");
            }
            org.postgresql.ds.PGSimpleDataSource target = dataSource(server, "restored");
            Restore.restore(file, manifest, target, "classpath:db/migration");
            for (BackupManifest.Table table : manifest.tables()) {
                assertThat(contents(target, table.name())).as(table.name()).isEqualTo(contents(source, table.name()));
            }
            try (Connection c = target.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT nextval('audit_entry_id_seq') > max(id) FROM audit_entry")) {
                r.next();
                assertThat(r.getBoolean(1)).as("sequences continue after the restored rows").isTrue();
            }

            assertThatThrownBy(() -> Restore.restore(file, manifest, target, "classpath:db/migration"))
                    .isInstanceOf(Restore.TargetNotEmptyException.class).hasMessageContaining("not empty");

            byte[] bytes = Files.readAllBytes(file);
            int at = bytes.length / 2;
            bytes[at] ^= 0x01;
            Path damaged = Files.write(dir.resolve("damaged.zip"), bytes);
            assertThatThrownBy(() -> Restore.verify(damaged)).isInstanceOf(Restore.DamagedBackupException.class)
                    .hasMessageContaining("is damaged");
        } finally {
            server.stop();
        }
    }

    private static org.postgresql.ds.PGSimpleDataSource dataSource(EmbeddedPostgresServer server, String database) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database);
        ds.setUser(server.username());
        ds.setPassword(server.password());
        return ds;
    }

    /** The table's rows as text, in a stable order. */
    private static String contents(javax.sql.DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "
                     + Schema.quote(table) + " t")) {
            r.next();
            return r.getString(1);
        }
    }
}
