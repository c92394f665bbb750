package se.kaa.shared;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sweden's 290 municipalities (kommuner) with their SCB kommunkod and county (län), read once from
 * {@code classpath:shared/kommuner.csv}, plus one synthetic demo municipality.
 *
 * <p>The CSV holds only real municipalities. The demo municipality {@link #DEMO_CODE 9999}
 * "Demokommun" in "Demolän" is <strong>not a real municipality</strong>: SCB has no code 9999 and no
 * county 99. It exists only so that demo data can never be mistaken for data about a real
 * municipality. {@link #exists} accepts it and {@link #all()} lists it last; use {@link #isDemo} or
 * {@link #real()} where only real municipalities make sense (e.g. the SCB return).
 *
 * <p>Plain Java, no Spring: {@code Municipalities.load()} returns the same immutable instance every
 * time.
 */
public final class Municipalities {

    /** A municipality: its kommunkod, its name (e.g. "Upplands Väsby") and its county ("Stockholms län"). */
    public record Municipality(MunicipalityCode code, String name, String county) {

        public Municipality {
            Objects.requireNonNull(code, "code");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A municipality has a name");
            }
            if (county == null || county.isBlank()) {
                throw new IllegalArgumentException("A municipality has a county");
            }
        }

        /** True for the synthetic demo municipality 9999, which is not a real municipality. */
        public boolean isDemo() {
            return Municipalities.isDemo(code);
        }
    }

    /** The synthetic demo municipality's code. Not an SCB code; no real municipality has it. */
    public static final MunicipalityCode DEMO_CODE = new MunicipalityCode("9999");

    /** The synthetic demo municipality: "Demokommun" in "Demolän". Not a real municipality. */
    public static final Municipality DEMO = new Municipality(DEMO_CODE, "Demokommun", "Demolän");

    static final String RESOURCE = "/shared/kommuner.csv";
    static final String HEADER = "kommunkod;namn;lan";

    private final Map<MunicipalityCode, Municipality> byCode; // real ones in file order, then the demo
    private final List<Municipality> all;
    private final List<Municipality> real;

    private Municipalities(List<Municipality> realMunicipalities) {
        Map<MunicipalityCode, Municipality> map = new LinkedHashMap<>();
        for (Municipality m : realMunicipalities) {
            if (m.isDemo()) {
                throw new IllegalStateException("The demo code " + DEMO_CODE + " is not a real municipality");
            }
            if (map.putIfAbsent(m.code(), m) != null) {
                throw new IllegalStateException("Duplicate kommunkod " + m.code());
            }
        }
        this.real = List.copyOf(realMunicipalities);
        map.put(DEMO_CODE, DEMO);
        this.byCode = Collections.unmodifiableMap(map);
        this.all = List.copyOf(map.values());
    }

    private static final class Holder {
        static final Municipalities INSTANCE = read();
    }

    /** The municipalities, read from the classpath on first use and shared afterwards. */
    public static Municipalities load() {
        return Holder.INSTANCE;
    }

    /** True for the synthetic demo code 9999. */
    public static boolean isDemo(MunicipalityCode code) {
        return DEMO_CODE.equals(code);
    }

    /** The municipality with this code, if it is a real municipality or the demo one. */
    public Optional<Municipality> find(MunicipalityCode code) {
        Objects.requireNonNull(code, "code");
        return Optional.ofNullable(byCode.get(code));
    }

    /** The name of the municipality with this code ("Demokommun" for 9999). */
    public Optional<String> name(MunicipalityCode code) {
        return find(code).map(Municipality::name);
    }

    /** True for the code of a real municipality and for the demo code 9999. */
    public boolean exists(MunicipalityCode code) {
        return find(code).isPresent();
    }

    /** All 290 real municipalities ordered by code, then the demo municipality last. */
    public List<Municipality> all() {
        return all;
    }

    /** The 290 real municipalities ordered by code, without the demo municipality. */
    public List<Municipality> real() {
        return real;
    }

    private static Municipalities read() {
        InputStream in = Municipalities.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("Missing classpath resource " + RESOURCE);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return new Municipalities(parse(reader));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    static List<Municipality> parse(BufferedReader reader) throws IOException {
        String header = reader.readLine();
        if (header != null && header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (header == null || !header.strip().equals(HEADER)) {
            throw new IllegalStateException(RESOURCE + " must start with the header " + HEADER);
        }
        List<Municipality> result = new ArrayList<>();
        String line;
        int lineNumber = 1;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(";", -1);
            if (fields.length != 3 || !MunicipalityCode.isValid(fields[0])) {
                throw new IllegalStateException(RESOURCE + " line " + lineNumber + " is not kommunkod;namn;lan");
            }
            result.add(new Municipality(MunicipalityCode.of(fields[0]), fields[1].strip(), fields[2].strip()));
        }
        result.sort((a, b) -> a.code().compareTo(b.code()));
        return result;
    }
}
