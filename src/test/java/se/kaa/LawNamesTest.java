package se.kaa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Where a page, a message or a document names the ordinance by its title, the title is the one in
 * SFS, word for word (it was shown as "om register över kommunernas aktivitetsansvar" and "om register
 * över ungdomar som inte fullföljt gymnasieutbildning").
 */
class LawNamesTest {

    static final String ORDINANCE_2006_39 =
            "om register och dokumentation vid fullgörandet av kommunernas aktivitetsansvar för ungdomar";

    static final Pattern NAMED = Pattern.compile("\\(2006:39\\) om [^.\"<]*");

    @Test
    void theOrdinanceIsNamedByItsTitleInSfs() throws IOException {
        List<String> wrong = new ArrayList<>();
        int named = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties") || f.toString().endsWith(".html")).toList()) {
                Matcher m = NAMED.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    named++;
                    if (!m.group().startsWith("(2006:39) " + ORDINANCE_2006_39)) {
                        wrong.add(file + ": " + m.group());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(named).as("the places that name it").isGreaterThanOrEqualTo(3);
    }
}
