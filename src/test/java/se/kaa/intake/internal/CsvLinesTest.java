package se.kaa.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvLinesTest {

    @Test
    void fieldsWithSeparatorsOrQuotesAreQuotedAgain() {
        assertThat(CsvLines.join(List.of("a", "b;c", "say \"hi\"", ""))).isEqualTo("a;\"b;c\";\"say \"\"hi\"\"\";");
    }

    @Test
    void everythingThatLooksLikeAPersonnummerIsMasked() {
        assertThat(CsvLines.maskPins("200701012387;Åsa;20070123-2381;070101-2387;0701012387;12345678;2026-11-01"))
                .isEqualTo("20070101-****;Åsa;20070123-****;070101-****;070101-****;12345678;2026-11-01");
    }
}
