package se.kaa.platform;

import se.kaa.platform.database.DatabaseCommands;

/**
 * The database commands of {@code java -jar kaa.jar} – {@code --kaa.backup=FILE},
 * {@code --kaa.restore=FILE}, {@code --kaa.backup-verify=FILE} – which run instead of the application
 * (docs/operations.md).
 */
public final class DatabaseCommandLine {

    private DatabaseCommandLine() {
    }

    /** Whether the arguments ask for a database command. */
    public static boolean requested(String... args) {
        return DatabaseCommands.requested(args);
    }

    /** Runs it and returns the exit code (0 done, 1 refused or failed, the reason logged in one line). */
    public static int run(String... args) {
        return DatabaseCommands.run(args);
    }
}
