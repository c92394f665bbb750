package se.kaa.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.kaa.intake.ImportRejectedException;

class FileInspectionTest {

    @TempDir Path dir;

    @Test
    void utf8WithAndWithoutBomAndWindows1252AreTold() throws Exception {
        String text = "fornamn;efternamn\nÅsa;Öberg\n";
        FileInspection plain = FileInspection.of(write(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(plain.utf8()).isTrue();
        assertThat(plain.bomLength()).isZero();

        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        FileInspection bom = FileInspection.of(write(withBom));
        assertThat(bom.utf8()).isTrue();
        assertThat(bom.bomLength()).isEqualTo(3);
        assertThat(bom.sha256()).isNotEqualTo(plain.sha256()).hasSize(64);

        FileInspection ansi = FileInspection.of(write(text.getBytes(FileInspection.WINDOWS_1252)));
        assertThat(ansi.charset()).isEqualTo(FileInspection.WINDOWS_1252);
    }

    @Test
    void aFileWithValidUtf8SequencesIsUtf8EvenWithAStrayInvalidByteAndOnlyOneWithoutAnyIsWindows1252() throws Exception {
        byte[] utf8 = "fornamn;efternamn\nÅsa;Öberg\n".getBytes(StandardCharsets.UTF_8);
        byte[] stray = new byte[utf8.length + 4];
        System.arraycopy(utf8, 0, stray, 0, utf8.length);
        stray[utf8.length] = 'R';
        stray[utf8.length + 1] = (byte) 0xE9; // "é" in Windows-1252, invalid here
        stray[utf8.length + 2] = ';';
        stray[utf8.length + 3] = '\n';
        assertThat(FileInspection.of(write(stray)).utf8()).isTrue();
        // a sequence cut off at the end of the file is one invalid byte among valid ones
        byte[] cut = java.util.Arrays.copyOf(utf8, utf8.length + 1);
        cut[utf8.length] = (byte) 0xC3;
        assertThat(FileInspection.of(write(cut)).utf8()).isTrue();
        // plain ASCII is UTF-8 too; high bytes without one valid sequence are Windows-1252
        assertThat(FileInspection.of(write("a;b\n1;2\n".getBytes(StandardCharsets.US_ASCII))).utf8()).isTrue();
        assertThat(FileInspection.of(write("a;b\nÅsa;Ängström\n".getBytes(FileInspection.WINDOWS_1252))).utf8()).isFalse();
    }

    @Test
    void emptyBlankAndBinaryFilesAreRefused() throws Exception {
        assertRefused(new byte[0], "intake.rejected.empty");
        assertRefused(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\r', '\n', ' '}, "intake.rejected.empty");
        assertRefused(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, "intake.rejected.not-csv");
        assertRefused(new byte[] {'P', 'K', 3, 4, 'a', 'b'}, "intake.rejected.not-csv");
        assertRefused("a;b\n1;2\0\n".getBytes(StandardCharsets.US_ASCII), "intake.rejected.not-csv");
    }

    private void assertRefused(byte[] content, String key) throws Exception {
        Path file = write(content);
        assertThatThrownBy(() -> FileInspection.of(file)).isInstanceOfSatisfying(ImportRejectedException.class,
                e -> assertThat(e.messageKey()).isEqualTo(key));
    }

    private Path write(byte[] content) throws Exception {
        return Files.write(Files.createTempFile(dir, "f", ".csv"), content);
    }
}
