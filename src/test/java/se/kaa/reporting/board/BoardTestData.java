package se.kaa.reporting.board;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import java.text.MessageFormat;

import se.kaa.casework.PeriodRecords.PeriodMeasure;
import se.kaa.casework.PeriodRecords.PeriodRecord;
import se.kaa.shared.HalfYear;
import se.kaa.shared.PersonalIdentityNumber;

/** Test persons (Skatteverket's test personnummer only), a record builder, generated periods and the message resolver. */
final class BoardTestData {

    /** The numbers the brief names that are in Skatteverket's list (checked in {@link #verifiedListed()}). */
    static final List<String> LISTED = List.of("200801172388", "200802012385", "200701012387", "200801012386", "200802282384",
            "200701232381", "200801022385", "200802022392", "200702122391");

    private static List<PersonalIdentityNumber> women;
    private static List<PersonalIdentityNumber> men;

    private BoardTestData() {
    }

    static Path testNumbers() {
        for (Path p : List.of(Path.of("../shared/testdata/testpersonnummer.txt"), Path.of("/work/shared/testdata/testpersonnummer.txt"))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("Skatteverket's test personnummer (../shared/testdata/testpersonnummer.txt) are missing");
    }

    /** The listed numbers, each checked against Skatteverket's file. */
    static List<String> verifiedListed() {
        List<String> all = lines();
        for (String n : LISTED) {
            if (!all.contains(n)) {
                throw new IllegalStateException(n + " is not one of Skatteverket's test personnummer");
            }
        }
        return LISTED;
    }

    private static List<String> lines() {
        try {
            return Files.readAllLines(testNumbers(), UTF_8).stream().map(String::strip).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void load() {
        if (women != null) {
            return;
        }
        List<PersonalIdentityNumber> w = new ArrayList<>();
        List<PersonalIdentityNumber> m = new ArrayList<>();
        for (String line : lines()) {
            if (line.matches("20(0[4-9]|10)[0-9]{8}")) {
                PersonalIdentityNumber pin = PersonalIdentityNumber.ofStored(line);
                (Sex.of(pin) == Sex.WOMAN ? w : m).add(pin);
            }
        }
        women = List.copyOf(w);
        men = List.copyOf(m);
    }

    /** The i-th woman (even ninth digit) born 2004–2010 in Skatteverket's list. */
    static PersonalIdentityNumber woman(int i) {
        load();
        return women.get(i);
    }

    static PersonalIdentityNumber man(int i) {
        load();
        return men.get(i);
    }

    static int women() {
        load();
        return women.size();
    }

    static int men() {
        load();
        return men.size();
    }

    /** A record builder with everything empty. */
    static Rec rec(PersonalIdentityNumber pin) {
        return new Rec(pin);
    }

    static final class Rec {
        final PersonalIdentityNumber pin;
        LocalDate registered = LocalDate.of(2025, 9, 1);
        String reason = "AVBROTT";
        LocalDate exited;
        String exitReason;
        boolean contact;
        LocalDate latestContact;
        String occupation;
        LocalDate firstContact;
        final List<PeriodMeasure> measures = new ArrayList<>();

        Rec(PersonalIdentityNumber pin) {
            this.pin = pin;
        }

        Rec registered(LocalDate d, String r) {
            registered = d;
            reason = r;
            return this;
        }

        Rec exited(LocalDate d, String r) {
            exited = d;
            exitReason = r;
            return this;
        }

        /** Contact during the period, with the occupation at the latest contact. */
        Rec contact(LocalDate latest, String occupationAtLatest) {
            contact = true;
            latestContact = latest;
            occupation = occupationAtLatest;
            return this;
        }

        /** An earlier contact than the period, with an occupation. */
        Rec occupation(String o) {
            occupation = o;
            return this;
        }

        Rec firstContact(LocalDate d) {
            firstContact = d;
            return this;
        }

        Rec measure(LocalDate start, LocalDate end, boolean declined, String occupationAfter) {
            measures.add(new PeriodMeasure("VAGLEDNING", start, end, declined, occupationAfter));
            return this;
        }

        PeriodRecord build() {
            return new PeriodRecord(UUID.nameUUIDFromBytes(pin.value().getBytes(UTF_8)), pin, pin.birthDate(), 1L, registered, registered,
                    reason, exited, exitReason, contact, latestContact, occupation, firstContact, List.copyOf(measures));
        }
    }

    static final String[] REASONS = {"AVBROTT", "STUDIEBEVIS", "EJ_PABORJAT", "INVANDRAD", "IM", null, "X9"};
    static final String[] EXITS = {"FYLLT_20", "UTFLYTTAD", "PABORJAT_UTBILDNING", "EXAMEN", "AVLIDEN", "UTVANDRAD", null};
    static final String[] OCCUPATIONS = {"STUDIES_KOMVUX", "STUDIES_FOLKHOGSKOLA", "STUDIES_ABROAD", "STUDIES_OTHER", "WORK",
            "LABOUR_MARKET_PROGRAMME", "MUNICIPAL_MEASURE", "PARENTAL_LEAVE", "SICK", "NO_OCCUPATION", "UNKNOWN", null};

    /** {@code n} random records of a half-year; small municipalities on purpose, so that many cells are small. */
    static List<PeriodRecord> randomPeriod(Random rnd, HalfYear h, int n, int offset) {
        List<PeriodRecord> out = new ArrayList<>();
        int span = (int) (h.last().toEpochDay() - h.first().toEpochDay());
        // skewed reason and exit mixes, so that some parts are small and some large
        double[] reasonWeights = {rnd.nextDouble() * 6, rnd.nextDouble(), rnd.nextDouble() * 3, rnd.nextDouble(), rnd.nextDouble() * 2, 0.1, 0.05};
        for (int i = 0; i < n; i++) {
            boolean woman = rnd.nextDouble() < 0.45;
            int index = (offset + i) % (woman ? women() : men());
            Rec r = rec(woman ? woman(index) : man(index));
            LocalDate reg = rnd.nextDouble() < 0.6 ? h.first().plusDays(rnd.nextInt(span + 1)) : h.first().minusDays(1 + rnd.nextInt(400));
            r.registered(reg, REASONS[pick(rnd, reasonWeights)]);
            if (rnd.nextDouble() < 0.5) {
                LocalDate c = max(reg, h.first()).plusDays(rnd.nextInt(60));
                r.contact(c, OCCUPATIONS[rnd.nextInt(OCCUPATIONS.length)]);
                r.firstContact(reg.plusDays(rnd.nextInt(40)));
            } else if (rnd.nextDouble() < 0.3) {
                r.occupation(OCCUPATIONS[rnd.nextInt(OCCUPATIONS.length)]);
            }
            if (rnd.nextDouble() < 0.35) {
                LocalDate ex = max(reg, h.first()).plusDays(rnd.nextInt(120));
                if (!ex.isAfter(h.last())) {
                    r.exited(ex, EXITS[pick(rnd, new double[] {2, 1, 3, 2, 0.05, 0.2, 0.1})]);
                }
            }
            int measures = rnd.nextInt(3);
            for (int m = 0; m < measures; m++) {
                LocalDate start = h.first().plusDays(rnd.nextInt(span));
                LocalDate end = rnd.nextBoolean() ? start.plusDays(rnd.nextInt(90)) : null;
                r.measure(start, end, rnd.nextDouble() < 0.15, OCCUPATIONS[rnd.nextInt(OCCUPATIONS.length)]);
            }
            out.add(r.build());
        }
        return out;
    }

    private static int pick(Random rnd, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = rnd.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** A random input: six half-years of random size up to {@code maxSize}, the year before possibly empty. */
    static BoardInput randomInput(Random rnd, HalfYear period, int maxSize, Suppression suppression) {
        SortedMap<HalfYear, List<PeriodRecord>> trend = new TreeMap<>(BoardInput.CHRONOLOGICAL);
        HalfYear h = period;
        for (int i = 0; i < 6; i++) {
            trend.put(h, randomPeriod(rnd, h, rnd.nextInt(maxSize + 1), rnd.nextInt(500)));
            h = h.previous();
        }
        List<PeriodRecord> before = rnd.nextDouble() < 0.1 ? List.of() : trend.get(period.yearBefore());
        Integer population = rnd.nextDouble() < 0.2 ? null : 200 + rnd.nextInt(3000);
        LocalDate asOf = rnd.nextDouble() < 0.3 ? period.first().plusDays(rnd.nextInt(180)) : period.last().plusDays(rnd.nextInt(60));
        return new BoardInput("Testkommun", period, trend.get(period), before, trend, population, population == null ? null : population - 10,
                14, asOf, NationalFigures.shipped(), suppression);
    }

    // ---- messages

    private static Properties messages;

    /** The Swedish texts of the module's bundle, i18n/reporting.properties. */
    static synchronized Properties messages() {
        if (messages == null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/i18n/reporting.properties"), UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            messages = p;
        }
        return messages;
    }

    /**
     * Resolves like Spring's MessageSource with a fixed sv_SE locale: a text without arguments is used
     * as written, one with arguments is a MessageFormat pattern. A missing key fails the test.
     */
    static final BiFunction<String, Object[], String> RESOLVER = (key, args) -> {
        String pattern = messages().getProperty(key);
        if (pattern == null) {
            throw new AssertionError("No Swedish text for message key " + key + " in i18n/reporting.properties");
        }
        if (args == null || args.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, Locale.forLanguageTag("sv-SE")).format(args);
    };
}
