package se.kaa.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import se.kaa.platform.PlatformProperties;
import se.kaa.platform.UploadSpool;

/**
 * The upload spool of the test context, with a switch for a full disk: while {@link #fill()} is in
 * effect, the bytes of an upload go to {@code /dev/full}, where the kernel answers every write with
 * ENOSPC ("No space left on device") – the real error of a full disk, at the one place uploads are written.
 */
public class FullDisk extends UploadSpool {

    private final AtomicBoolean full = new AtomicBoolean();

    FullDisk(PlatformProperties properties) {
        super(properties);
    }

    public void fill() {
        full.set(true);
    }

    public void free() {
        full.set(false);
    }

    @Override
    protected OutputStream open(Path file) throws IOException {
        return full.get() ? Files.newOutputStream(Path.of("/dev/full")) : super.open(file);
    }
}
