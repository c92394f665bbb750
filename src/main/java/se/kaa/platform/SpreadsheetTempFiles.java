package se.kaa.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.springframework.stereotype.Component;

/**
 * Where a streamed spreadsheet ({@link TableFiles#xlsx}) keeps its rows until it is written:
 * {@code KAA_DATA_DIR/sheets}, the application user's only – never the machine's shared temp directory,
 * since a list of cases holds personnummer. Apache POI's temp directory is one setting for the whole
 * JVM; it is set here once, at start, after deleting what a process that died mid-download left.
 */
@Component
class SpreadsheetTempFiles {

    SpreadsheetTempFiles(PlatformProperties properties) {
        Path directory = properties.dataDir().resolve("sheets").toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            if (Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
            try (Stream<Path> left = Files.walk(directory)) {
                for (Path p : left.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(directory)).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the spreadsheet directory " + directory, e);
        }
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(directory.toFile()));
    }
}
