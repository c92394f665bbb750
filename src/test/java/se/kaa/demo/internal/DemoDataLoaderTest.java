package se.kaa.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import se.kaa.demo.DemoData;
import se.kaa.demo.DemoData.CsvFile;
import se.kaa.demo.DemoDataGenerator;
import se.kaa.demo.TestPersonnummer;
import se.kaa.intake.ImportKind;
import se.kaa.intake.ImportRejectedException;
import se.kaa.intake.ImportReport;
import se.kaa.intake.ImportRequest;
import se.kaa.intake.Imports;
import se.kaa.platform.Installation;

/** The loader's hand-over to the import pipeline, with a recording stand-in for it (no Spring). */
class DemoDataLoaderTest {

    static final DemoData DATA = DemoDataGenerator.generate(LocalDate.of(2026, 11, 22), TestPersonnummer.load());

    /** Records each request and what its file held while the import ran. */
    static class RecordingImports implements Imports {
        final List<ImportRequest> requests = new ArrayList<>();
        final List<String> contents = new ArrayList<>();
        ImportKind failOn;

        @Override
        public ImportReport importFile(ImportRequest request) {
            if (request.kind() == failOn) {
                throw new ImportRejectedException("import.rejected.test", "rejected for the test");
            }
            requests.add(request);
            try {
                contents.add(Files.readString(request.content(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int rows = (int) contents.get(contents.size() - 1).lines().count() - 1;
            return new ImportReport(requests.size(), "COMPLETED", rows, rows, 0, List.of(), List.of(), false);
        }
    }

    @Test
    void importsTheFourKindsSnapshotsOldestFirstAsUserDemoForTheDemoMunicipality() {
        RecordingImports imports = new RecordingImports();

        assertThat(DemoDataLoader.importAll(imports, DATA)).isTrue();

        assertThat(imports.requests).extracting(ImportRequest::kind).containsExactly(ImportKind.FOLKBOKFORING,
                ImportKind.FOLKBOKFORING, ImportKind.FOLKBOKFORING, ImportKind.INSKRIVNINGAR, ImportKind.EXAMINA,
                ImportKind.ANTAGNING);
        assertThat(imports.requests.subList(0, 3)).extracting(ImportRequest::asOf)
                .containsExactly(DATA.today().minusMonths(12), DATA.today().minusMonths(6), DATA.today().minusMonths(1));
        assertThat(imports.requests).allSatisfy(r -> {
            assertThat(r.municipality()).isEqualTo(Installation.DEMO_MUNICIPALITY);
            assertThat(r.username()).isEqualTo("demo");
            assertThat(r.fileName()).endsWith(".csv");
            assertThat(r.content()).doesNotExist(); // temp files are removed after the import
        });
        assertThat(imports.contents).containsExactlyElementsOf(DATA.files().stream().map(CsvFile::content).toList());
    }

    @Test
    void stopsAtTheFirstFileThatFails() {
        RecordingImports imports = new RecordingImports();
        imports.failOn = ImportKind.EXAMINA;

        assertThat(DemoDataLoader.importAll(imports, DATA)).isFalse();

        assertThat(imports.requests).extracting(ImportRequest::kind).containsExactly(ImportKind.FOLKBOKFORING,
                ImportKind.FOLKBOKFORING, ImportKind.FOLKBOKFORING, ImportKind.INSKRIVNINGAR);
        assertThat(imports.requests).extracting(ImportRequest::content).allMatch(p -> !Files.exists((Path) p));
    }
}
