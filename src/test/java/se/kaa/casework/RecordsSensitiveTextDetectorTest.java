package se.kaa.casework;

import org.junit.jupiter.api.Test;

import se.kaa.casework.records.SensitiveTextDetector.Category;
import se.kaa.casework.records.SensitiveTextDetector.Finding;
import se.kaa.casework.records.SensitiveTextDetector;

import static org.assertj.core.api.Assertions.assertThat;

/** The Swedish word list of sensitive personal data: stems find inflections, ordinary casework text passes. */
class RecordsSensitiveTextDetectorTest {

    @Test
    void findsEachCategoryByStem() {
        assertThat(SensitiveTextDetector.find("Hon är sjukskriven för depression"))
                .extracting(Finding::category).containsOnly(Category.HEALTH);
        assertThat(SensitiveTextDetector.find("Har en ADHD-diagnos")).extracting(Finding::word).contains("adhd", "diagnos");
        assertThat(SensitiveTextDetector.find("Familjen är muslimer")).extracting(Finding::category)
                .containsExactly(Category.RELIGION);
        assertThat(SensitiveTextDetector.find("Hennes etniska bakgrund")).extracting(Finding::category)
                .containsExactly(Category.ETHNICITY);
        assertThat(SensitiveTextDetector.find("Aktiv i Sverigedemokraterna")).extracting(Finding::category)
                .containsExactly(Category.POLITICS);
        assertThat(SensitiveTextDetector.find("Han är homosexuell")).extracting(Finding::category)
                .containsExactly(Category.SEXUALITY);
        assertThat(SensitiveTextDetector.find("Medlem i fackförbundet")).extracting(Finding::category)
                .containsExactly(Category.TRADE_UNION);
        assertThat(SensitiveTextDetector.find("Dömd för brottet, polisanmäld")).extracting(Finding::category)
                .containsOnly(Category.CRIME);
        assertThat(SensitiveTextDetector.find("Misstänkt för olaga hot")).extracting(Finding::word)
                .contains("misstänkt", "olaga hot");
    }

    @Test
    void ordinaryCaseworkTextPasses() {
        assertThat(SensitiveTextDetector.find("Avbrott på gymnasiet i oktober, vill börja på komvux. Ringde, inget svar. "
                + "Beroende på praktikplatsen startar hon i januari. Hotellpraktik i Åre, rasten kl 12.")).isEmpty();
        assertThat(SensitiveTextDetector.find("Ursprungligen inskriven på Naturvetenskapsprogrammet")).isEmpty();
        assertThat(SensitiveTextDetector.find(null)).isEmpty();
        assertThat(SensitiveTextDetector.find("  ")).isEmpty();
    }

    @Test
    void shortWordsOnlyWhole() {
        assertThat(SensitiveTextDetector.find("ras")).extracting(Finding::category).containsExactly(Category.ETHNICITY);
        assertThat(SensitiveTextDetector.find("rast")).isEmpty();
        assertThat(SensitiveTextDetector.find("hot")).extracting(Finding::category).containsExactly(Category.CRIME);
        assertThat(SensitiveTextDetector.find("hotell")).isEmpty();
    }
}
