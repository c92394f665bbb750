package se.kaa.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.Municipalities;

/** What this installation is: the municipalities it serves and whether it runs on demo data. */
@Component
public class Installation {

    /** The synthetic municipality of the demo data; not a real kommunkod. */
    public static final MunicipalityCode DEMO_MUNICIPALITY = new MunicipalityCode("9999");

    private static final Municipalities MUNICIPALITIES = Municipalities.load();

    private final List<MunicipalityCode> served;
    private final boolean demoData;
    private final boolean embeddedDatabase;

    Installation(PlatformProperties properties, Environment environment) {
        this.embeddedDatabase = environment.getProperty("spring.datasource.url", "").isBlank();
        this.demoData = properties.demoData() != null ? properties.demoData() : embeddedDatabase;
        Set<MunicipalityCode> codes = new LinkedHashSet<>();
        for (String code : properties.municipalities()) {
            if (code == null || code.isBlank()) {
                continue;
            }
            if (!MunicipalityCode.isValid(code)) {
                throw new IllegalStateException(
                        "KAA_MUNICIPALITIES must list four-digit kommunkoder separated by commas; got an invalid entry");
            }
            MunicipalityCode municipality = MunicipalityCode.of(code);
            if (!MUNICIPALITIES.exists(municipality)) {
                throw new IllegalStateException("KAA_MUNICIPALITIES names " + municipality
                        + ", which is not a Swedish kommunkod (see shared/kommuner.csv)");
            }
            codes.add(municipality);
        }
        if (demoData) {
            codes.add(DEMO_MUNICIPALITY);
        }
        if (codes.isEmpty()) {
            throw new IllegalStateException(
                    "No municipality to serve: set KAA_MUNICIPALITIES (e.g. 2380,2361) or KAA_DEMO_DATA=true");
        }
        this.served = Collections.unmodifiableList(new ArrayList<>(codes));
    }

    public List<MunicipalityCode> servedMunicipalities() {
        return served;
    }

    public boolean serves(MunicipalityCode code) {
        return served.contains(code);
    }

    /** "2380 Östersund": the code and the municipality's name, for screens. */
    public String label(MunicipalityCode code) {
        return code.value() + MUNICIPALITIES.name(code).map(name -> " " + name).orElse("");
    }

    /** {@link #label(MunicipalityCode)} of a stored code, as records and pages carry it. */
    public String label(String code) {
        return label(MunicipalityCode.of(code));
    }

    public boolean demoData() {
        return demoData;
    }

    public boolean embeddedDatabase() {
        return embeddedDatabase;
    }
}
