package se.kaa.platform.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a backup into an empty database: checks the file first (every table's SHA-256 and row
 * count, and the manifest's checksum), creates the schema with this KAA's migrations at exactly the
 * backup's version, then loads every table in one transaction with triggers and foreign-key checks
 * off ({@code session_replication_role = replica}: the audit log's append-only trigger must not see
 * the load as writes, and the rows are consistent as they were copied from one snapshot), and sets
 * every sequence. A failure leaves the target empty again. The application's own start afterwards
 * migrates the schema on to its version, as after any upgrade.
 */
final class Restore {

    private static final Logger log = LoggerFactory.getLogger(Restore.class);

    private Restore() {
    }

    /** A backup file that is not what its manifest says, or no backup at all. */
    static final class DamagedBackupException extends RuntimeException {
        DamagedBackupException(String message) {
            super(message);
        }
    }

    /** The target holds data: a restore never mixes two databases. */
    static final class TargetNotEmptyException extends RuntimeException {
        TargetNotEmptyException(String message) {
            super(message);
        }
    }

    /** Reads the whole file and checks it against its manifest. */
    static BackupManifest verify(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry manifestEntry = zip.getEntry(BackupManifest.ENTRY);
            if (manifestEntry == null) {
                throw new DamagedBackupException("The file " + file + " is not a KAA backup (it has no " + BackupManifest.ENTRY + ")");
            }
            BackupManifest manifest;
            try (InputStream in = zip.getInputStream(manifestEntry)) {
                manifest = Backup.JSON.readValue(in.readAllBytes(), BackupManifest.class);
            } catch (RuntimeException e) {
                throw new DamagedBackupException("The backup " + file + " is damaged: its manifest cannot be read");
            }
            if (!BackupManifest.FORMAT.equals(manifest.format()) || manifest.formatVersion() != BackupManifest.FORMAT_VERSION) {
                throw new DamagedBackupException("The file " + file + " is not a KAA backup of format version "
                        + BackupManifest.FORMAT_VERSION);
            }
            if (manifest.tables() == null || manifest.sequences() == null
                    || !manifest.computeChecksum().equals(manifest.checksum())) {
                throw new DamagedBackupException("The backup " + file + " is damaged: its manifest does not match its checksum");
            }
            for (BackupManifest.Table table : manifest.tables()) {
                ZipEntry entry = zip.getEntry(table.entry());
                if (entry == null) {
                    throw new DamagedBackupException("The backup " + file + " is damaged: the rows of " + table.name() + " are missing");
                }
                MessageDigest digest = BackupManifest.digest();
                long rows = 0;
                try (InputStream in = new DigestInputStream(zip.getInputStream(entry), digest)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        for (int i = 0; i < n; i++) {
                            if (buffer[i] == '\n') {
                                rows++;
                            }
                        }
                    }
                }
                if (rows != table.rows() || !HexFormat.of().formatHex(digest.digest()).equals(table.sha256())) {
                    throw new DamagedBackupException("The backup " + file + " is damaged: the rows of " + table.name()
                            + " do not match their checksum");
                }
            }
            return manifest;
        } catch (ZipException e) {
            throw new DamagedBackupException("The backup " + file + " is damaged: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the backup " + file, e);
        }
    }

    /**
     * Restores the checked backup into the empty database behind {@code dataSource}.
     *
     * @param locations Flyway's migration locations ({@code spring.flyway.locations})
     */
    static void restore(Path file, BackupManifest manifest, DataSource dataSource, String... locations) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<String> existing = Schema.tables(c);
            if (!existing.isEmpty() || hasFlywayHistory(c)) {
                throw new TargetNotEmptyException("The target database is not empty (" + existing.size()
                        + " tables); a backup is restored only into an empty KAA_DATA_DIR or an empty database");
            }
        }
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations(locations).cleanDisabled(false)
                .target(manifest.flywayVersion()).load();
        MigrationVersion wanted = MigrationVersion.fromVersion(manifest.flywayVersion());
        MigrationInfo[] known = flyway.info().all();
        if (Arrays.stream(known).noneMatch(m -> wanted.equals(m.getVersion()))) {
            throw new IllegalStateException("The backup has schema version " + manifest.flywayVersion()
                    + ", which this KAA does not know (it has up to " + (known.length == 0 ? "none"
                    : known[known.length - 1].getVersion()) + "); restore it with KAA " + manifest.kaaVersion()
                    + " or later");
        }
        flyway.migrate();
        try (Connection c = dataSource.getConnection(); ZipFile zip = new ZipFile(file.toFile())) {
            load(c, zip, manifest);
        } catch (SQLException | IOException | RuntimeException e) {
            log.warn("The restore failed; removing the partly restored schema so that the target is empty again");
            flyway.clean();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Could not read the backup " + file, io);
            }
            if (e instanceof SQLException sql) {
                throw sql;
            }
            throw (RuntimeException) e;
        }
    }

    private static boolean hasFlywayHistory(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?")) {
            s.setString(1, Backup.FLYWAY_TABLE);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) > 0;
            }
        }
    }

    private static void load(Connection c, ZipFile zip, BackupManifest manifest) throws SQLException, IOException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL TIME ZONE 'UTC'");
            // derived rows kept by triggers (casework_case_state) are loaded as backed up, not recomputed
            // row by row while their sources load – which, with the triggers on, would collide with them
            s.execute("SET LOCAL kaa.restoring = 'on'");
            java.sql.Savepoint beforeRole = c.setSavepoint();
            try {
                s.execute("SET LOCAL session_replication_role = replica");
            } catch (SQLException e) {
                // not a superuser (an external database): load parents first, with the checks on
                c.rollback(beforeRole);
                log.info("Restoring with foreign-key checks on (the user may not set session_replication_role)");
            }
            List<String> tables = Schema.tables(c);
            List<String> missing = new ArrayList<>();
            for (BackupManifest.Table t : manifest.tables()) {
                if (!tables.contains(t.name()) || !Schema.columns(c, t.name()).equals(t.columns())) {
                    missing.add(t.name());
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("The schema at version " + manifest.flywayVersion()
                        + " does not have these tables as the backup has them: " + missing);
            }
            // the rows the migrations inserted (reference data) are in the backup as they were then
            if (!tables.isEmpty()) {
                s.execute("TRUNCATE " + String.join(", ", tables.stream().map(Schema::quote).toList()));
            }
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        for (BackupManifest.Table t : manifest.tables()) {
            try (InputStream in = zip.getInputStream(zip.getEntry(t.entry()))) {
                long rows = copy.copyIn("COPY " + Schema.quote(t.name()) + " (" + Schema.columnList(t.columns())
                        + ") FROM STDIN", in);
                if (rows != t.rows()) {
                    throw new IllegalStateException("Loaded " + rows + " rows into " + t.name() + ", the backup has " + t.rows());
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
            for (BackupManifest.SequenceValue q : manifest.sequences()) {
                s.setString(1, Schema.quote(q.name()));
                s.setLong(2, q.lastValue() == null ? 1 : q.lastValue());
                s.setBoolean(3, q.lastValue() != null);
                s.execute();
            }
        }
        c.commit();
    }
}
