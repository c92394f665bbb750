package se.kaa.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchoolUnitCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"12345678", "00000001", "99999999"})
    void eightDigitsAreACode(String value) {
        assertThat(SchoolUnitCode.isValid(value)).isTrue();
        SchoolUnitCode code = new SchoolUnitCode(value);
        assertThat(code.value()).isEqualTo(value);
        assertThat(code).hasToString(value).isEqualTo(new SchoolUnitCode(value));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "", "        ", "1234567", "123456789", "1234 678", "1234-678", "ABCDEFGH", "１２３４５６７８"})
    void anythingElseIsNot(String value) {
        assertThat(SchoolUnitCode.isValid(value)).isFalse();
        assertThatThrownBy(() -> new SchoolUnitCode(value))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("A school unit code is eight digits");
    }

    @Test
    void isValidIgnoresSurroundingWhitespaceButTheConstructorNeedsTheBareDigits() {
        // Strip the text before constructing; SchoolUnitCode has no of() like MunicipalityCode.
        assertThat(SchoolUnitCode.isValid(" 12345678\t")).isTrue();
        assertThat(new SchoolUnitCode(" 12345678\t".strip()).value()).isEqualTo("12345678");
        assertThatThrownBy(() -> new SchoolUnitCode(" 12345678")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leadingZerosMatter() {
        assertThat(new SchoolUnitCode("01234567")).isNotEqualTo(new SchoolUnitCode("12345670"));
    }
}
