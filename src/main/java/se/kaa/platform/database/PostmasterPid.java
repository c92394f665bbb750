package se.kaa.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's {@code postmaster.pid}: written by a running server into its data directory, left
 * behind when it is killed. Line 1 is the postmaster's pid, line 2 its data directory, line 4 its port.
 */
record PostmasterPid(long pid, Path dataDirectory, int port) {

    static Optional<PostmasterPid> read(Path pgData) {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
            if (lines.size() < 4 || !lines.get(0).trim().matches("\\d+") || !lines.get(3).trim().matches("\\d+")) {
                return Optional.empty(); // being written, or damaged
            }
            return Optional.of(new PostmasterPid(Long.parseLong(lines.get(0).trim()), Path.of(lines.get(1).trim()),
                    Integer.parseInt(lines.get(3).trim())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The process, if it is alive and is a PostgreSQL server on {@code pgData}. */
    Optional<ProcessHandle> liveServerOn(Path pgData) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres") || c.endsWith("\\postgres.exe"))
                        .orElse(true))
                .filter(p -> sameDirectory(dataDirectory, pgData));
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
