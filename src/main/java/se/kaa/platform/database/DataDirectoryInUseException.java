package se.kaa.platform.database;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Another live KAA process holds the data directory: two servers on one cluster would destroy it,
 * so the second one stops at once with one line saying why (Swedish and English: the person reading
 * a service manager's log may be either).
 */
public class DataDirectoryInUseException extends RuntimeException {

    public DataDirectoryInUseException(Path dataDirectory, OptionalLong pid) {
        super(message(dataDirectory, pid));
    }

    static String message(Path dir, OptionalLong pid) {
        String owner = pid.isPresent() ? " (pid " + pid.getAsLong() + ")" : "";
        return "Another KAA instance is using the data directory " + dir + owner
                + "; stop it or set KAA_DATA_DIR to another directory."
                + " / En annan KAA-instans använder datakatalogen " + dir + owner
                + "; stoppa den eller ange en annan katalog i KAA_DATA_DIR.";
    }
}
