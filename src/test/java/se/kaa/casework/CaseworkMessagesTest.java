package se.kaa.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

/** The Swedish texts of casework: the default bundles are the Swedish ones, byte for byte. */
class CaseworkMessagesTest {

    @Test
    void theDefaultBundlesAreTheSwedishOnes() throws IOException {
        for (String name : new String[] {"casework", "caserecords", "letters"}) {
            assertThat(bytes("/i18n/" + name + ".properties")).as(name)
                    .isEqualTo(bytes("/i18n/" + name + "_sv.properties"));
        }
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = CaseworkMessagesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
