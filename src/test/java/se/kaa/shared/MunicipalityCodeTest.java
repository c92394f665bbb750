package se.kaa.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MunicipalityCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"0114", "0180", "2584", "9999", "0000"})
    void fourDigitsAreACode(String value) {
        assertThat(MunicipalityCode.isValid(value)).isTrue();
        assertThat(new MunicipalityCode(value).value()).isEqualTo(value);
        assertThat(MunicipalityCode.of(value)).isEqualTo(new MunicipalityCode(value));
        assertThat(new MunicipalityCode(value)).hasToString(value);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "180", "01800", "01 8", "O180", "01-8", "abcd", "１８０１", "٠١٨٠"})
    void anythingElseIsNot(String value) {
        assertThat(MunicipalityCode.isValid(value)).isFalse();
        assertThatThrownBy(() -> new MunicipalityCode(value))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("A municipality code is four digits");
        assertThatThrownBy(() -> MunicipalityCode.of(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofAndIsValidStripWhitespaceButTheConstructorDoesNot() {
        assertThat(MunicipalityCode.isValid(" 0180\t")).isTrue();
        assertThat(MunicipalityCode.of(" 0180\t")).isEqualTo(new MunicipalityCode("0180"));
        assertThatThrownBy(() -> new MunicipalityCode(" 0180")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leadingZerosMatterAndCodesSortAsText() {
        List<MunicipalityCode> codes = new ArrayList<>(List.of(
                MunicipalityCode.of("2584"), MunicipalityCode.of("0180"), MunicipalityCode.of("1280"),
                MunicipalityCode.of("0114")));
        Collections.sort(codes);
        assertThat(codes).extracting(MunicipalityCode::value).containsExactly("0114", "0180", "1280", "2584");
        assertThat(MunicipalityCode.of("0180")).isNotEqualTo(MunicipalityCode.of("1800"));
        assertThat(MunicipalityCode.of("0180").compareTo(MunicipalityCode.of("0180"))).isZero();
    }
}
