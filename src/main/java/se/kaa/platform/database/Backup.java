package se.kaa.platform.database;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a consistent backup of the schema – no {@code pg_dump} needed: one {@code REPEATABLE READ},
 * read-only transaction (one snapshot, so the audit chain and the facts agree), every table copied out
 * with {@code COPY … TO STDOUT} into a ZIP entry of its own, then {@code manifest.json} with the Flyway
 * version, each table's columns, row count and SHA-256, the sequences and an overall checksum.
 * Generic: a table added by a migration is included without a change here.
 */
final class Backup {

    static final String FLYWAY_TABLE = "flyway_schema_history";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Backup() {
    }

    /** Writes the backup to {@code file} (through a temporary file: a failure leaves no half backup). */
    static BackupManifest write(Connection connection, Path file) throws SQLException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        boolean autoCommit = connection.getAutoCommit();
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL TIME ZONE 'UTC'");
            }
            String createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            String flywayVersion = flywayVersion(connection);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            List<BackupManifest.Table> tables = new ArrayList<>();
            createOwnerOnly(partial);
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                for (String table : Schema.tables(connection)) {
                    List<String> columns = Schema.columns(connection, table);
                    String entry = "data/" + table + ".copy";
                    zip.putNextEntry(new ZipEntry(entry));
                    MessageDigest digest = BackupManifest.digest();
                    RowCounter counter = new RowCounter(new DigestOutputStream(new NonClosing(zip), digest));
                    copy.copyOut("COPY " + Schema.quote(table) + " (" + Schema.columnList(columns) + ") TO STDOUT", counter);
                    counter.flush();
                    zip.closeEntry();
                    tables.add(new BackupManifest.Table(table, columns, counter.rows, HexFormat.of().formatHex(digest.digest()),
                            entry));
                }
                BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, BackupManifest.FORMAT_VERSION, createdAt,
                        kaaVersion(), serverVersion(connection), flywayVersion, tables, sequences(connection), null)
                        .withChecksum();
                zip.putNextEntry(new ZipEntry(BackupManifest.ENTRY));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                zip.closeEntry();
                zip.finish();
                connection.commit();
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
                return manifest;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the backup " + file, e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // reported by the failure that left it
            }
            if (!connection.isClosed()) {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** The backup holds every personal datum of the register: readable by its owner only, like the database. */
    private static void createOwnerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (Files.getFileAttributeView(file.getParent(), java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(SuperuserPassword.OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
    }

    static String flywayVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(
                "SELECT version FROM " + FLYWAY_TABLE + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            if (!r.next()) {
                throw new IllegalStateException("The database has no applied migration: nothing to back up");
            }
            return r.getString(1);
        }
    }

    private static List<BackupManifest.SequenceValue> sequences(Connection connection) throws SQLException {
        List<BackupManifest.SequenceValue> sequences = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema() ORDER BY sequencename");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long value = r.getLong(2);
                Long lastValue = r.wasNull() ? null : value;
                sequences.add(new BackupManifest.SequenceValue(r.getString(1), lastValue));
            }
        }
        return sequences;
    }

    private static String serverVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SHOW server_version")) {
            r.next();
            return r.getString(1);
        }
    }

    static String kaaVersion() {
        String version = Backup.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /** Counts rows of COPY's text format: one line each (newlines inside values are escaped as {@code \n}). */
    private static final class RowCounter extends FilterOutputStream {
        long rows;

        RowCounter(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '\n') {
                rows++;
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    rows++;
                }
            }
            out.write(b, off, len);
        }
    }

    /** The ZIP stays open across entries. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
