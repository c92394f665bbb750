package se.kaa.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Where uploads are kept while they are received and imported: {@code KAA_DATA_DIR/spool}, readable by
 * the application's user only – never the machine's shared temp directory. The files hold whole
 * registers with personnummer; a process that dies mid-upload leaves them behind, so everything in
 * the spool is deleted at start (logged as a count, never by name). Both the servlet container's
 * multipart parts ({@code spring.servlet.multipart.location}) and the copies the imports read go here.
 *
 * <p>A full disk is the client's business to hear about, not a server error: {@link #insufficientStorage()}
 * (507) with a Swedish reason.
 */
@Component
public class UploadSpool {

    private static final Logger log = LoggerFactory.getLogger(UploadSpool.class);
    private static final List<String> DISK_FULL = List.of("No space left on device", "Disk quota exceeded");

    private final Path directory;

    public UploadSpool(PlatformProperties properties) {
        this.directory = properties.dataDir().resolve("spool").toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            if (Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the upload spool directory " + directory, e);
        }
        deleteLeftovers();
    }

    public Path directory() {
        return directory;
    }

    /**
     * Copies an upload into a new file of the spool (which the caller deletes when done).
     *
     * @throws ProblemException 507 when the disk is full
     */
    public Path store(InputStream in) {
        Path file = null;
        try {
            file = Files.createTempFile(directory, "upload-", ".part");
            try (OutputStream out = open(file)) {
                in.transferTo(out);
            }
            return file;
        } catch (IOException e) {
            delete(file);
            if (isDiskFull(e)) {
                log.warn("An upload could not be stored: no space left on the device of {}", directory);
                throw insufficientStorage();
            }
            throw new UncheckedIOException("Could not store an upload in " + directory, e);
        }
    }

    /** Opens a spool file for writing; the one place an upload's bytes reach the disk. */
    protected OutputStream open(Path file) throws IOException {
        return Files.newOutputStream(file);
    }

    public static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    /** Whether an I/O failure, or one of its causes, is a full disk (or quota). */
    public static boolean isDiskFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                String text = t instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : t.getMessage();
                if (text != null && DISK_FULL.stream().anyMatch(text::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** 507 Insufficient Storage: the server has no room for the file now; nothing was imported. */
    public static ProblemException insufficientStorage() {
        return new ProblemException(HttpStatus.INSUFFICIENT_STORAGE, "problem.insufficient-storage",
                "No space left on the device for an upload");
    }

    private void deleteLeftovers() {
        int deleted = 0;
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.deleteIfExists(file);
                deleted++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not empty the upload spool directory " + directory, e);
        }
        if (deleted > 0) {
            log.warn("Deleted {} upload file{} left in {} by an earlier run that ended while receiving or importing them",
                    deleted, deleted == 1 ? "" : "s", directory);
        }
    }
}
