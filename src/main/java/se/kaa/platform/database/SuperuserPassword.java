package se.kaa.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL superuser's password: generated once (256 random bits), kept in
 * {@code KAA_DATA_DIR/postgres.password} readable and writable by its owner only (0600), and read at
 * every start. Anyone who can read the data directory can read the data anyway; the password keeps
 * out every other local process and user, which {@code trust} let in as superuser.
 */
final class SuperuserPassword {

    private static final Logger log = LoggerFactory.getLogger(SuperuserPassword.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final String value;
    private final boolean created;

    private SuperuserPassword(String value, boolean created) {
        this.value = value;
        this.created = created;
    }

    /** The password in {@code file}, or a new one written there. */
    static SuperuserPassword readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                restrict(file);
                String value = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!value.isEmpty()) {
                    return new SuperuserPassword(value, false);
                }
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(temp);
            if (posix(file.getParent())) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(temp);
            }
            Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new SuperuserPassword(value, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the database password file " + file, e);
        }
    }

    /** Only online: an existing password, never a new one. */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the database password file " + file, e);
        }
    }

    String value() {
        return value;
    }

    /** Whether it was generated just now (a cluster that has it not yet set must be given it). */
    boolean created() {
        return created;
    }

    private static void restrict(Path file) throws IOException {
        if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            log.warn("The database password file {} could be read by others; made it readable by its owner only", file);
        }
    }

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
