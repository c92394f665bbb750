package se.kaa.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import se.kaa.shared.PersonalIdentityNumber;

/**
 * Skatteverket's test personnummer and samordningsnummer born 2002–2016, shipped in
 * {@value #RESOURCE}: the only numbers the demo data ever uses.
 */
public final class TestPersonnummer {

    public static final String RESOURCE = "demo/testpersonnummer.txt";

    private TestPersonnummer() {
    }

    /** Every number of the shipped list, in file order. */
    public static List<PersonalIdentityNumber> load() {
        InputStream in = TestPersonnummer.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("Missing classpath resource " + RESOURCE);
        }
        List<PersonalIdentityNumber> numbers = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    numbers.add(PersonalIdentityNumber.ofStored(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(numbers);
    }
}
