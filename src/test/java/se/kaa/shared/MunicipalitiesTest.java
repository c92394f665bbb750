package se.kaa.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.kaa.shared.Municipalities.Municipality;

class MunicipalitiesTest {

    /** The 21 counties by the first two digits of the kommunkod (SCB's länskod). */
    static final Map<String, String> COUNTY_BY_PREFIX = Map.ofEntries(
            Map.entry("01", "Stockholms län"),
            Map.entry("03", "Uppsala län"),
            Map.entry("04", "Södermanlands län"),
            Map.entry("05", "Östergötlands län"),
            Map.entry("06", "Jönköpings län"),
            Map.entry("07", "Kronobergs län"),
            Map.entry("08", "Kalmar län"),
            Map.entry("09", "Gotlands län"),
            Map.entry("10", "Blekinge län"),
            Map.entry("12", "Skåne län"),
            Map.entry("13", "Hallands län"),
            Map.entry("14", "Västra Götalands län"),
            Map.entry("17", "Värmlands län"),
            Map.entry("18", "Örebro län"),
            Map.entry("19", "Västmanlands län"),
            Map.entry("20", "Dalarnas län"),
            Map.entry("21", "Gävleborgs län"),
            Map.entry("22", "Västernorrlands län"),
            Map.entry("23", "Jämtlands län"),
            Map.entry("24", "Västerbottens län"),
            Map.entry("25", "Norrbottens län"));

    final Municipalities municipalities = Municipalities.load();

    @Test
    void theCsvHasTheHeaderAndExactly290RowsWithUniqueCodes() throws IOException {
        List<String> lines = rawLines();
        assertThat(lines.get(0)).isEqualTo("kommunkod;namn;lan");
        List<String> rows = lines.subList(1, lines.size());
        assertThat(rows).hasSize(290).allMatch(r -> r.matches("\\d{4};[^;]+;[^;]+"));
        assertThat(rows.stream().map(r -> r.substring(0, 4)).collect(Collectors.toSet())).hasSize(290);
        assertThat(rows).noneMatch(r -> r.startsWith("9999") || r.contains("Demo"));
    }

    @Test
    void realHas290MunicipalitiesWithUniqueCodesInCodeOrder() {
        List<Municipality> real = municipalities.real();
        assertThat(real).hasSize(290).noneMatch(Municipality::isDemo);
        assertThat(real.stream().map(Municipality::code).collect(Collectors.toSet())).hasSize(290);
        assertThat(real).isSortedAccordingTo((a, b) -> a.code().compareTo(b.code()));
        assertThat(real.stream().map(Municipality::name).collect(Collectors.toSet()))
                .as("names are unique too").hasSize(290);
    }

    @Test
    void everyCountyMatchesTheCodePrefix() {
        for (Municipality m : municipalities.real()) {
            assertThat(m.county()).as(m.code() + " " + m.name())
                    .isEqualTo(COUNTY_BY_PREFIX.get(m.code().value().substring(0, 2)));
        }
        assertThat(municipalities.real().stream().map(Municipality::county).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(COUNTY_BY_PREFIX.values());
    }

    @Test
    void municipalitiesPerCountyMatchSwedensCurrentDivision() {
        Map<String, Long> perCounty = municipalities.real().stream()
                .collect(Collectors.groupingBy(Municipality::county, Collectors.counting()));
        assertThat(perCounty).containsAllEntriesOf(Map.of(
                "Stockholms län", 26L, "Uppsala län", 8L, "Gotlands län", 1L, "Skåne län", 33L,
                "Västra Götalands län", 49L, "Jämtlands län", 8L, "Norrbottens län", 14L));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0114;Upplands Väsby;Stockholms län",
        "0180;Stockholm;Stockholms län",
        "0139;Upplands-Bro;Stockholms län",
        "0331;Heby;Uppsala län",
        "0380;Uppsala;Uppsala län",
        "0980;Gotland;Gotlands län",
        "1280;Malmö;Skåne län",
        "1480;Göteborg;Västra Götalands län",
        "2023;Malung-Sälen;Dalarnas län",
        "2361;Härjedalen;Jämtlands län",
        "2380;Östersund;Jämtlands län",
        "2584;Kiruna;Norrbottens län",
    })
    void knownMunicipalities(String code, String name, String county) {
        MunicipalityCode c = MunicipalityCode.of(code);
        assertThat(municipalities.exists(c)).isTrue();
        assertThat(municipalities.name(c)).contains(name);
        assertThat(municipalities.find(c)).contains(new Municipality(c, name, county));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000", "1234", "0100", "0101", "0321", "2599", "9998", "3000"})
    void unknownCodesAreNotFound(String code) {
        MunicipalityCode c = MunicipalityCode.of(code);
        assertThat(municipalities.exists(c)).isFalse();
        assertThat(municipalities.name(c)).isEmpty();
        assertThat(municipalities.find(c)).isEmpty();
    }

    @Test
    void the9999DemoMunicipalityExistsIsListedLastAndIsNotReal() {
        MunicipalityCode demo = MunicipalityCode.of("9999");
        assertThat(Municipalities.isDemo(demo)).isTrue();
        assertThat(municipalities.exists(demo)).isTrue();
        assertThat(municipalities.name(demo)).contains("Demokommun");
        assertThat(municipalities.find(demo)).contains(new Municipality(demo, "Demokommun", "Demolän"));

        List<Municipality> all = municipalities.all();
        assertThat(all).hasSize(291);
        assertThat(all.get(290)).isEqualTo(Municipalities.DEMO).matches(Municipality::isDemo);
        assertThat(all.subList(0, 290)).isEqualTo(municipalities.real());
        assertThat(municipalities.real()).doesNotContain(Municipalities.DEMO);
        assertThat(Municipalities.isDemo(MunicipalityCode.of("0180"))).isFalse();
    }

    @Test
    void loadsOnceAndIsImmutable() {
        assertThat(Municipalities.load()).isSameAs(municipalities);
        assertThatThrownBy(() -> municipalities.all().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> municipalities.real().add(Municipalities.DEMO))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parseRejectsAMalformedFile() {
        assertThatThrownBy(() -> Municipalities.parse(reader("kod;namn\n0114;Upplands Väsby;Stockholms län\n")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Municipalities.parse(
                reader("kommunkod;namn;lan\n114;Upplands Väsby;Stockholms län\n")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Municipalities.parse(reader("kommunkod;namn;lan\n0114;Upplands Väsby\n")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void parseAcceptsABomAndSkipsBlankLines() throws IOException {
        assertThat(Municipalities.parse(reader("\uFEFFkommunkod;namn;lan\n0180;Stockholm;Stockholms län\n\n")))
                .containsExactly(new Municipality(MunicipalityCode.of("0180"), "Stockholm", "Stockholms län"));
    }

    @Test
    void aMunicipalityNeedsANameAndACounty() {
        MunicipalityCode code = MunicipalityCode.of("0180");
        assertThatThrownBy(() -> new Municipality(code, " ", "Stockholms län"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Municipality(code, "Stockholm", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Municipality(null, "Stockholm", "Stockholms län"))
                .isInstanceOf(NullPointerException.class);
    }

    private static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }

    private static List<String> rawLines() throws IOException {
        try (InputStream in = MunicipalitiesTest.class.getResourceAsStream(Municipalities.RESOURCE)) {
            assertThat(in).as(Municipalities.RESOURCE).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).doesNotStartWith("\uFEFF").doesNotContain("\r");
            return text.lines().toList();
        }
    }
}
