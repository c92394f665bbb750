package se.kaa.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code KAA_DATA_DIR} and what the embedded database keeps in it (docs/operations.md):
 * <pre>
 * KAA_DATA_DIR/
 *   kaa.lock             held by the one KAA process using the directory; holds its pid
 *   postgres/            the PostgreSQL cluster (PGDATA)
 *   postgres.password    the superuser's generated password, readable by its owner only
 *   postgres-log/        PostgreSQL's own log, one file per weekday
 *   pg-binaries/         the PostgreSQL binaries, unpacked from the jar
 *   spool/               uploads being received (emptied at start)
 * </pre>
 */
final class DataDirectory {

    private final Path root;

    DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path pgData() {
        return root.resolve("postgres");
    }

    Path passwordFile() {
        return root.resolve("postgres.password");
    }

    Path logDirectory() {
        return root.resolve("postgres-log");
    }

    Path binaries() {
        return root.resolve("pg-binaries");
    }

    Path lockFile() {
        return root.resolve("kaa.lock");
    }

    /** The lock file of clusters started by KAA versions that used zonky's {@code EmbeddedPostgres}. */
    Path zonkyLockFile() {
        return pgData().resolve("epg-lock");
    }

    /** Whether {@code postgres/} holds a cluster (initdb has run). */
    boolean hasCluster() {
        return Files.exists(pgData().resolve("PG_VERSION")) && Files.exists(pgData().resolve("postgresql.conf"));
    }

    /**
     * Claims the directory for this process: an exclusive lock on {@code kaa.lock} (and on
     * {@code postgres/epg-lock}, which a KAA of an earlier version holds while it runs). Empty when
     * another live process holds it – the operating system releases the lock of a process that died,
     * so a held lock means a running KAA, a left-over lock file does not.
     */
    Optional<Claim> tryClaim() {
        try {
            createPrivate(root);
            FileChannel channel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            FileChannel zonkyChannel = null;
            FileLock zonkyLock = null;
            if (Files.exists(zonkyLockFile())) {
                zonkyChannel = FileChannel.open(zonkyLockFile(), StandardOpenOption.WRITE);
                zonkyLock = tryLock(zonkyChannel);
                if (zonkyLock == null) {
                    zonkyChannel.close();
                    lock.release();
                    channel.close();
                    return Optional.empty();
                }
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return Optional.of(new Claim(channel, lock, zonkyChannel, zonkyLock));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock the data directory " + root, e);
        }
    }

    /**
     * Creates a directory readable by its owner only, when it does not exist yet (an existing one keeps
     * the permissions the administrator gave it).
     */
    static void createPrivate(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir);
        if (Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM
        }
    }

    /** The pid written by the process that holds (or last held) the claim, if any. */
    OptionalLong claimantPid() {
        try {
            String text = Files.readString(lockFile(), StandardCharsets.US_ASCII).trim();
            return text.matches("\\d{1,10}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The pid if that process is alive (a pid left in the file by a dead process says nothing). */
    static OptionalLong livePid(OptionalLong pid) {
        return pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)
                ? pid : OptionalLong.empty();
    }

    /** The exclusive use of the directory, until released or the process ends. */
    static final class Claim implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;
        private final FileChannel zonkyChannel;
        private final FileLock zonkyLock;

        private Claim(FileChannel channel, FileLock lock, FileChannel zonkyChannel, FileLock zonkyLock) {
            this.channel = channel;
            this.lock = lock;
            this.zonkyChannel = zonkyChannel;
            this.zonkyLock = zonkyLock;
        }

        @Override
        public void close() {
            try {
                if (zonkyLock != null) {
                    zonkyLock.release();
                    zonkyChannel.close();
                }
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
