package se.kaa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * One message bundle per module, in Swedish, and nothing else: the application runs with the fixed
 * locale sv_SE and no fallback to the machine's locale, so {@code i18n/<module>.properties} is what
 * every page shows. (There used to be a byte-identical {@code _sv} copy of each, kept in step by hand.)
 */
class MessageBundlesTest {

    static final Path I18N = Path.of("src/main/resources/i18n");

    @Test
    void oneSwedishBundlePerModuleAndEveryConfiguredOneExists() throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(I18N)) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).allMatch(f -> f.matches("[a-z]+\\.properties"), "no locale variants such as _sv");
        String configured = Files.readString(Path.of("src/main/resources/application.yml"))
                .replaceAll("(?s).*\\n\\s+basename: ([^\\n]+)\\n.*", "$1");
        for (String basename : configured.split(",")) {
            assertThat(files).as(basename).contains(basename.strip().replace("i18n/", "") + ".properties");
        }
        assertThat(configured.split(",")).hasSize(files.size());
        for (String f : files) {
            String text = Files.readString(I18N.resolve(f));
            assertThat(text).as(f).contains("å").doesNotContain("\\u00").doesNotContain("\uFFFD");
        }
    }
}
