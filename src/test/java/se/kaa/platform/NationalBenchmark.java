package se.kaa.platform;

import java.io.BufferedWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.kaa.casework.worklist.Worklist;
import se.kaa.intake.ImportKind;
import se.kaa.intake.ImportReport;
import se.kaa.intake.ImportRequest;
import se.kaa.intake.Imports;
import se.kaa.reporting.scb.ScbExports;
import se.kaa.reporting.scb.ScbReturns;
import se.kaa.security.Role;
import se.kaa.shared.HalfYear;
import se.kaa.shared.Municipalities;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.internal.Recomputation;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.GeneratedCasework;
import se.kaa.testsupport.HeapSampler;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.PageLoad;
import se.kaa.testsupport.SecondInstance;
import se.kaa.testsupport.StatementSampler;
import se.kaa.testsupport.SyntheticNumbers;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.Timing;
import se.kaa.testsupport.WebSession;

/**
 * A national installation on this machine (issue 11): all 290 municipalities served, about 700,000
 * persons aged 15–20 with histories – enrolments (upper secondary begun, changed, dropped out of,
 * begun again, completed), diplomas and studiebevis, admissions, newcomers after compulsory-school
 * age, protected identities – loaded through the real imports as a new installation would be (each
 * municipality's school files, then its folkbokföring snapshot), and a year of casework on every case.
 * Then, timed: the first load; a day's changes (each municipality's enrolment changes and a new
 * snapshot of the largest, with people moving in and out); the daily job the night before and the night
 * after; the worklist
 * of the largest municipality for 50 users at once, on one application instance and on two; the SCB
 * return of the largest municipality. Correctness: the episodes the imports left are compared with a
 * full recomputation (which must write nothing) and printed as a fingerprint (an MD5 over every
 * episode, comparable between commits).
 *
 * <p>Municipality sizes follow a Zipf-like curve (exponent {@value #ZIPF}) with Stockholm, Göteborg,
 * Malmö and Uppsala the largest; the numbers are checksum-valid, made up at run time and never
 * committed or printed. Surefire skips *Benchmark classes; run it with
 *
 * <pre>
 * ./mvnw -q -B -T1 test -Dtest=NationalBenchmark -Dkaa.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false -DargLine="-Xmx512m"
 * </pre>
 * {@code -Dbenchmark.persons=N} (700,000) scales it; {@code -Dbenchmark.profile=true} prints the
 * statements the database spent each phase on; {@code -Dbenchmark.episodesOnly=true} stops after the
 * episodes' check (no casework, worklist or return), to compare the fingerprints of two commits.
 */
@KaaIntegrationTest
@EnabledIfSystemProperty(named = "kaa.benchmark", matches = "true")
class NationalBenchmark {

    static final int PERSONS = Integer.getInteger("benchmark.persons", 700_000);
    static final double ZIPF = 0.85;
    /** With {@code -Dbenchmark.episodesOnly=true}: only the imports, the daily jobs and the episodes' fingerprints. */
    static final boolean EPISODES_ONLY = Boolean.getBoolean("benchmark.episodesOnly");
    /** The snapshot date of the first load; the day's changes come the day after, the daily job the day after that. */
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 16);
    static final LocalDate FIRST_BIRTH = AS_OF.minusYears(21).plusDays(1);
    static final int BIRTH_DAYS = (int) (AS_OF.minusYears(15).toEpochDay() - FIRST_BIRTH.toEpochDay()) + 1;
    static final String[] PROGRAMMES = {"NA", "SA", "EK", "TE", "ES", "BF", "EE", "HA", "VF", "FT", "RL", "IMA"};
    static final List<MunicipalityCode> CODES = Municipalities.load().real().stream()
            .map(Municipalities.Municipality::code).toList();
    static final MunicipalityCode STOCKHOLM = MunicipalityCode.of("0180");

    @DynamicPropertySource
    static void national(DynamicPropertyRegistry registry) {
        registry.add("kaa.platform.municipalities", NationalBenchmark::served);
        registry.add("kaa.intake.max-file-size", () -> "1GB");
    }

    static String served() {
        return CODES.stream().map(MunicipalityCode::value).collect(Collectors.joining(","));
    }

    @LocalServerPort int port;
    @Autowired ApplicationContext context;
    @Autowired DatabaseCleaner cleaner;
    @Autowired TestClock clock;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired Imports imports;
    @Autowired Recomputation recomputation;
    @Autowired Worklist worklist;
    @Autowired ScbReturns returns;
    @Autowired ScbExports exports;
    @Autowired se.kaa.platform.database.EmbeddedPostgresServer database;

    /** Which municipality each person lives in (index into {@link #CODES}), drawn by size. */
    private final short[] home = new short[PERSONS];
    private final int[][] residents = new int[CODES.size()][];

    @Test
    void nationalInstallation() throws Exception {
        cleaner.clean();
        clock.setDate(AS_OF);
        users.ensure();
        System.out.printf("%nNational benchmark: %,d persons in %d municipalities, max heap %d MB, %d processors%n",
                PERSONS, CODES.size(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                Runtime.getRuntime().availableProcessors());
        place();
        Path dir = Files.createTempDirectory("kaa-national-");
        try {
            firstLoad(dir);
            if (!EPISODES_ONLY) {
                casework();
            }
            String before = fingerprint();
            dailyJob(AS_OF.plusDays(1), "the first night (a new installation: everyone, writing their due days)");
            daysChanges(dir);
            dailyJob(AS_OF.plusDays(2), "the night after the day's changes (only those due)");
            check(before);
            if (!EPISODES_ONLY) {
                worklistOfTheLargest();
                scbReturnOfTheLargest();
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            clock.reset();
        }
    }

    // ------------------------------------------------------------------ the population

    /** Draws each person's municipality from a Zipf-like size curve, the four largest cities first. */
    private void place() {
        List<Integer> order = new ArrayList<>();
        for (String big : List.of("0180", "1480", "1280", "0380")) {
            order.add(CODES.indexOf(MunicipalityCode.of(big)));
        }
        for (int m = 0; m < CODES.size(); m++) {
            if (!order.contains(m)) {
                order.add(m);
            }
        }
        double[] cumulative = new double[CODES.size()];
        double sum = 0;
        for (int rank = 0; rank < order.size(); rank++) {
            sum += Math.pow(rank + 1, -ZIPF);
            cumulative[rank] = sum;
        }
        SplittableRandom random = new SplittableRandom(20261116);
        int[] counts = new int[CODES.size()];
        for (int i = 0; i < PERSONS; i++) {
            double u = random.nextDouble() * sum;
            int rank = java.util.Arrays.binarySearch(cumulative, u);
            rank = rank < 0 ? -rank - 1 : rank;
            home[i] = (short) (int) order.get(Math.min(rank, order.size() - 1));
            counts[home[i]]++;
        }
        for (int m = 0; m < CODES.size(); m++) {
            residents[m] = new int[counts[m]];
            counts[m] = 0;
        }
        for (int i = 0; i < PERSONS; i++) {
            residents[home[i]][counts[home[i]]++] = i;
        }
        int[] sizes = java.util.Arrays.stream(residents).mapToInt(r -> r.length).sorted().toArray();
        System.out.printf("  residents per municipality: largest %,d (%s), median %,d, smallest %,d%n",
                residents[CODES.indexOf(STOCKHOLM)].length, STOCKHOLM, sizes[sizes.length / 2], sizes[0]);
    }

    record Enrolment(String unit, String type, String programme, LocalDate start, LocalDate end, String reason) {
        String row(String pnr, String organiser) {
            return pnr + ";" + unit + ";" + organiser + ";" + type + ";" + programme + ";" + start + ";"
                    + (end == null ? "" : end) + ";" + (reason == null ? "" : reason);
        }
    }

    /** Everything the generator knows of person {@code i}: the same every time it is asked (seeded by i). */
    record Person(int i, String pnr, LocalDate birth, MunicipalityCode home, LocalDate registeredSince,
                  LocalDate immigrated, boolean protectedIdentity, List<Enrolment> enrolments,
                  String credential, LocalDate credentialOn, String admission, boolean droppedOut) {

        /** Her open upper-secondary enrolment on the snapshot date, if any. */
        Enrolment openUpperSecondary() {
            return enrolments.stream().filter(e -> e.type().equals("GY") && e.end() == null).findFirst().orElse(null);
        }
    }

    private Person person(int i) {
        SplittableRandom r = new SplittableRandom(0x5EEDL * 1_000_003L + i);
        LocalDate birth = FIRST_BIRTH.plusDays(i % BIRTH_DAYS);
        String pnr = SyntheticNumbers.personnummer(birth, i / BIRTH_DAYS);
        MunicipalityCode m = CODES.get(home[i]);
        int units = Math.max(1, residents[home[i]].length / 700);
        String unit = m.value() + "0" + String.format("%03d", r.nextInt(units));
        String otherUnit = m.value() + "0" + String.format("%03d", r.nextInt(units));
        int y16 = birth.getYear() + 16;
        LocalDate start = LocalDate.of(y16, 8, 20);
        LocalDate completes = LocalDate.of(y16 + 3, 6, 10);
        List<Enrolment> enrolments = new ArrayList<>();
        LocalDate registered = r.nextInt(10) == 0 ? birth.plusDays(r.nextInt((int) (AS_OF.toEpochDay() - birth.toEpochDay()))) : birth;
        LocalDate immigrated = null;
        String credential = null;
        LocalDate credentialOn = null;
        String admission = null;
        boolean dropped = false;
        double kind = r.nextDouble();
        if (start.isAfter(AS_OF)) { // in year 9
            enrolments.add(new Enrolment(unit, "GR", "", LocalDate.of(y16 - 10, 8, 20), null, null));
        } else if (kind < 0.02) { // never began upper secondary
            if (r.nextInt(3) == 0) {
                admission = unit + ";" + PROGRAMMES[r.nextInt(PROGRAMMES.length)] + ";" + (r.nextBoolean() ? "RESERV" : "EJ_ANTAGEN") + ";" + start;
            }
        } else if (kind < 0.035) { // came to Sweden after compulsory-school age
            LocalDate from = LocalDate.of(y16, 6, 16);
            immigrated = from.plusDays(r.nextInt((int) Math.max(1, AS_OF.toEpochDay() - from.toEpochDay())));
            registered = immigrated;
            LocalDate im = immigrated.plusDays(40 + r.nextInt(80));
            if (r.nextInt(10) < 6 && !im.isAfter(AS_OF)) {
                enrolments.add(new Enrolment(unit, "GY", "IMSPR", im, null, null));
            }
        } else {
            String programme = PROGRAMMES[r.nextInt(PROGRAMMES.length - 1)];
            if (y16 == AS_OF.getYear()) {
                admission = unit + ";" + programme + ";ANTAGEN;" + start;
            }
            double turn = r.nextDouble();
            LocalDate until = AS_OF.isBefore(completes) ? AS_OF : completes;
            int spellDays = (int) (until.toEpochDay() - start.toEpochDay());
            LocalDate current = start;
            String currentUnit = unit;
            if (turn < 0.065 && spellDays > 30) {
                LocalDate left = start.plusDays(20 + r.nextInt(spellDays - 20));
                enrolments.add(new Enrolment(unit, "GY", programme, start, left, "AVBROTT"));
                dropped = true;
                LocalDate again = left.plusDays(30 + r.nextInt(220));
                if (r.nextInt(100) < 45 && !again.isAfter(AS_OF)) {
                    current = again;
                    currentUnit = otherUnit;
                    programme = PROGRAMMES[r.nextInt(PROGRAMMES.length - 1)];
                    completes = completes.plusYears(1);
                } else {
                    current = null;
                }
            } else if (turn < 0.095 && spellDays > 60) {
                LocalDate changed = start.plusDays(20 + r.nextInt(Math.max(1, spellDays - 40))); // not in the last weeks
                enrolments.add(new Enrolment(unit, "GY", programme, start, changed, "BYTE"));
                current = changed.plusDays(1 + r.nextInt(10));
                currentUnit = otherUnit;
                if (current.isAfter(AS_OF)) {
                    current = null;
                }
            }
            if (current != null) {
                boolean done = !completes.isAfter(AS_OF);
                enrolments.add(new Enrolment(currentUnit, "GY", programme, current, done ? completes : null,
                        done ? "FULLFOLJT" : null));
                if (done) {
                    credentialOn = completes;
                    double c = r.nextDouble();
                    credential = c < 0.07 ? "STUDIEBEVIS" : c < 0.6 ? "GYEX_HOG" : "GYEX_YRK";
                }
            }
        }
        boolean protectedIdentity = r.nextInt(500) == 0;
        return new Person(i, pnr, birth, m, registered, immigrated, protectedIdentity, enrolments, credential,
                credentialOn, admission, dropped);
    }

    // ------------------------------------------------------------------ the first load

    /**
     * Every municipality's school files (enrolments, diplomas, admissions), then every municipality's
     * folkbokföring snapshot – each through the real import, with its recomputation and case lifecycle,
     * as the municipalities of a new installation would upload them. Files are written before the clock
     * starts.
     */
    private void firstLoad(Path dir) throws Exception {
        long t0 = System.nanoTime();
        Map<ImportKind, List<Path>> files = new EnumMap<>(ImportKind.class);
        long bytes = 0;
        long[] rows = new long[ImportKind.values().length];
        for (int m = 0; m < CODES.size(); m++) {
            String code = CODES.get(m).value();
            Path snapshot = dir.resolve("folkbokforing-" + code + ".csv");
            Path enrolments = dir.resolve("inskrivningar-" + code + ".csv");
            Path credentials = dir.resolve("examina-" + code + ".csv");
            Path admissions = dir.resolve("antagning-" + code + ".csv");
            try (BufferedWriter s = Files.newBufferedWriter(snapshot, StandardCharsets.UTF_8);
                 BufferedWriter e = Files.newBufferedWriter(enrolments, StandardCharsets.UTF_8);
                 BufferedWriter c = Files.newBufferedWriter(credentials, StandardCharsets.UTF_8);
                 BufferedWriter a = Files.newBufferedWriter(admissions, StandardCharsets.UTF_8)) {
                s.write(SNAPSHOT_HEADER);
                e.write("personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak\n");
                c.write("personnummer;typ;datum\n");
                a.write("personnummer;skolenhetskod;programkod;besked;startdatum\n");
                for (int i : residents[m]) {
                    Person p = person(i);
                    s.write(snapshotRow(p, p.home(), p.registeredSince(), "Storgatan " + (i % 120 + 1)));
                    rows[ImportKind.FOLKBOKFORING.ordinal()]++;
                    for (Enrolment en : p.enrolments()) {
                        e.write(en.row(p.pnr(), "Huvudman " + code) + "\n");
                        rows[ImportKind.INSKRIVNINGAR.ordinal()]++;
                    }
                    if (p.credential() != null) {
                        c.write(p.pnr() + ";" + p.credential() + ";" + p.credentialOn() + "\n");
                        rows[ImportKind.EXAMINA.ordinal()]++;
                    }
                    if (p.admission() != null) {
                        a.write(p.pnr() + ";" + p.admission() + "\n");
                        rows[ImportKind.ANTAGNING.ordinal()]++;
                    }
                }
            }
            for (var file : Map.of(ImportKind.INSKRIVNINGAR, enrolments, ImportKind.EXAMINA, credentials,
                    ImportKind.ANTAGNING, admissions, ImportKind.FOLKBOKFORING, snapshot).entrySet()) {
                boolean hasRows;
                try (var lines = Files.lines(file.getValue(), StandardCharsets.UTF_8)) {
                    hasRows = lines.limit(2).count() > 1;
                }
                if (hasRows) { // a small town may have no admissions
                    files.computeIfAbsent(file.getKey(), k -> new ArrayList<>()).add(file.getValue());
                    bytes += Files.size(file.getValue());
                }
            }
        }
        System.out.printf("  files written in %.1f s: %,.1f MB, %,d snapshot rows, %,d enrolments, %,d diplomas and "
                        + "studiebevis, %,d admissions%n", (System.nanoTime() - t0) / 1e9, bytes / 1e6,
                rows[ImportKind.FOLKBOKFORING.ordinal()], rows[ImportKind.INSKRIVNINGAR.ordinal()],
                rows[ImportKind.EXAMINA.ordinal()], rows[ImportKind.ANTAGNING.ordinal()]);

        System.out.println("first load (each municipality's files through the real import, with recomputation and cases):");
        HeapSampler heap = HeapSampler.afterGc(5);
        long start = System.nanoTime();
        for (ImportKind kind : List.of(ImportKind.INSKRIVNINGAR, ImportKind.EXAMINA, ImportKind.ANTAGNING,
                ImportKind.FOLKBOKFORING)) {
            importAll(kind, files.get(kind), rows[kind.ordinal()], AS_OF);
        }
        heap.stop();
        System.out.printf("  first load, end to end: %.1f s; heap sampled peak %d MB, largest left after a GC %d MB%n",
                (System.nanoTime() - start) / 1e9, heap.peak.get() >> 20, heap.livePeak.get() >> 20);
        jdbc.sql("ANALYZE").update();
        System.out.printf("  after it: %,d persons, %,d episodes (%,d open), %,d members at some time in the last year, "
                        + "%,d open cases; in %s %,d open cases%n",
                count("SELECT count(*) FROM person"), count("SELECT count(*) FROM membership_episode"),
                count("SELECT count(*) FROM membership_episode WHERE exited IS NULL"),
                count("SELECT count(DISTINCT person_id) FROM membership_episode WHERE entered <= DATE '" + AS_OF
                        + "' AND (exited IS NULL OR exited > DATE '" + AS_OF.minusYears(1) + "')"),
                count("SELECT count(*) FROM casework_case WHERE status = 'OPEN'"), STOCKHOLM,
                count("SELECT count(*) FROM casework_case WHERE status = 'OPEN' AND municipality = '" + STOCKHOLM + "'"));
    }

    static final String SNAPSHOT_HEADER =
            "personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status\n";

    private static String snapshotRow(Person p, MunicipalityCode in, LocalDate since, String address) {
        return p.pnr() + ";Förnamn" + p.i() + ";Efternamn" + (p.i() % 997) + ";" + in + ";" + since + ";"
                + (p.immigrated() == null ? "" : p.immigrated()) + ";" + address + ";1" + (p.i() % 90 + 10) + "00;Orten;"
                + (p.protectedIdentity() ? "JA" : "NEJ") + ";NORMAL\n";
    }

    /** Imports the files one after another; prints the total, rows per second and the slowest file. */
    private void importAll(ImportKind kind, List<Path> files, long rows, LocalDate asOf) {
        Profile profile = new Profile();
        long start = System.nanoTime();
        long slowest = 0;
        String slowestFile = "";
        int opened = 0;
        for (Path file : files) {
            long t = System.nanoTime();
            String code = file.getFileName().toString().replaceAll("\\D", "");
            ImportReport report;
            try {
                report = imports.importFile(new ImportRequest(kind, MunicipalityCode.of(code), asOf,
                        file.getFileName().toString(), file, "benchmark"));
            } catch (Exception e) {
                throw new IllegalStateException("Import of " + file.getFileName() + " failed", e);
            }
            if (report.rowsRejected() > 0 || report.hold() != null) {
                throw new IllegalStateException(file.getFileName() + ": " + report.rowsRejected() + " rejected, hold "
                        + report.hold() + ": " + report.errors().stream().limit(3).toList());
            }
            opened += report.effects() == null ? 0 : report.effects().casesOpened();
            long took = System.nanoTime() - t;
            if (took > slowest) {
                slowest = took;
                slowestFile = code;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("  %-14s %3d files, %,9d rows in %6.1f s = %,7.0f rows/s; slowest file %s %.2f s; %,d cases opened%n",
                kind.path(), files.size(), rows, seconds, rows / seconds, slowestFile, slowest / 1e9, opened);
        System.out.print(profile.close(kind.path()));
    }

    // ------------------------------------------------------------------ casework, a day's changes, the daily job

    private void casework() {
        long t = System.nanoTime();
        GeneratedCasework.generate(jdbc, AS_OF);
        jdbc.sql("ANALYZE").update();
        System.out.printf("a year of casework generated in %.1f s: %,d cases, %,d contact attempts, %,d occupations, %,d measures%n",
                (System.nanoTime() - t) / 1e9, count("SELECT count(*) FROM casework_case"),
                count("SELECT count(*) FROM casework_contact_attempt"), count("SELECT count(*) FROM casework_occupation"),
                count("SELECT count(*) FROM casework_measure"));
    }

    /**
     * The next day: each municipality's enrolment changes (one in a thousand pupils in upper secondary
     * dropped out yesterday; one in two thousand who had dropped out begins again today), and a new
     * snapshot of the largest municipality in which 0.3 % moved out, 0.3 % have a new address and as many
     * as 0.2 % of it moved in from other municipalities.
     */
    private void daysChanges(Path dir) throws Exception {
        LocalDate day = AS_OF.plusDays(1);
        clock.setDate(day);
        List<Path> files = new ArrayList<>();
        long rows = 0;
        int ended = 0;
        int begun = 0;
        for (int m = 0; m < CODES.size(); m++) {
            String code = CODES.get(m).value();
            Path file = dir.resolve("day-inskrivningar-" + code + ".csv");
            int written = 0;
            try (BufferedWriter e = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                e.write("personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak\n");
                for (int i : residents[m]) {
                    if (Math.floorMod(i * 2_654_435_761L, 1000) == 7) {
                        Person p = person(i);
                        Enrolment open = p.openUpperSecondary();
                        if (open != null) {
                            e.write(new Enrolment(open.unit(), "GY", open.programme(), open.start(), AS_OF, "AVBROTT")
                                    .row(p.pnr(), "Huvudman " + code) + "\n");
                            written++;
                            ended++;
                        }
                    } else if (Math.floorMod(i * 2_654_435_761L, 2000) == 11) {
                        Person p = person(i);
                        if (p.droppedOut() && p.openUpperSecondary() == null && p.credential() == null) {
                            e.write(new Enrolment(code + "0000", "GY", "IMA", day, null, null).row(p.pnr(), "Huvudman " + code) + "\n");
                            written++;
                            begun++;
                        }
                    }
                }
            }
            if (written > 0) {
                files.add(file);
                rows += written;
            } else {
                Files.delete(file);
            }
        }
        int stockholm = CODES.indexOf(STOCKHOLM);
        Path snapshot = dir.resolve("day-folkbokforing-" + STOCKHOLM + ".csv");
        int movedOut = 0;
        int newAddress = 0;
        int movedIn = 0;
        try (BufferedWriter s = Files.newBufferedWriter(snapshot, StandardCharsets.UTF_8)) {
            s.write(SNAPSHOT_HEADER);
            IntPredicate leaving = i -> Math.floorMod(i * 40_503L, 1000) < 3;
            for (int i : residents[stockholm]) {
                Person p = person(i);
                if (leaving.test(i)) {
                    movedOut++;
                    continue;
                }
                boolean moved = Math.floorMod(i * 40_503L, 1000) >= 997;
                newAddress += moved ? 1 : 0;
                s.write(snapshotRow(p, STOCKHOLM, p.registeredSince(), moved ? "Nya vägen " + (i % 50 + 1) : "Storgatan " + (i % 120 + 1)));
            }
            int wanted = residents[stockholm].length / 500;
            for (int i = 0; i < PERSONS && movedIn < wanted; i += 97) {
                if (home[i] != stockholm) {
                    s.write(snapshotRow(person(i), STOCKHOLM, AS_OF.minusDays(6), "Inflyttargatan " + (i % 30 + 1)));
                    movedIn++;
                }
            }
        }
        System.out.printf("a day's changes on %s: %d enrolment files (%,d rows: %,d dropped out, %,d began again); "
                        + "a new snapshot of %s (%,d moved out, %,d new addresses, %,d moved in)%n",
                day, files.size(), rows, ended, begun, STOCKHOLM, movedOut, newAddress, movedIn);
        long start = System.nanoTime();
        importAll(ImportKind.INSKRIVNINGAR, files, rows, day);
        importAll(ImportKind.FOLKBOKFORING, List.of(snapshot), residents[stockholm].length - movedOut + movedIn, day);
        System.out.printf("  the day's changes, end to end: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private void dailyJob(LocalDate night, String which) {
        clock.setDate(night);
        Profile profile = new Profile();
        long start = System.nanoTime();
        Recomputation.Result due = recomputation.recomputeDue("benchmark-daily");
        System.out.printf("the daily job on %s, %s: %,d persons, %.2f s (%,d episodes written, %,d deleted)%n",
                night, which, due.persons(), (System.nanoTime() - start) / 1e9, due.episodesWritten(), due.episodesDeleted());
        System.out.print(profile.close("the daily job"));
    }

    /**
     * Is what the imports and the daily job left what the rules say? A full recomputation of everyone
     * must write and delete nothing; the fingerprint before and after it is printed, to be compared with
     * another commit's run.
     */
    private void check(String beforeTheDay) {
        String after = fingerprint();
        long start = System.nanoTime();
        Recomputation.Result all = recomputation.recomputeAll("benchmark-check");
        String checked = fingerprint();
        System.out.printf("check: a full recomputation of %,d persons took %.1f s, wrote %,d episodes and deleted %,d "
                        + "(0 and 0: the imports and the daily job missed no one)%n",
                all.persons(), (System.nanoTime() - start) / 1e9, all.episodesWritten(), all.episodesDeleted());
        System.out.printf("  episode fingerprints: after the first load %s, after the day and the daily job %s, "
                + "after the full recomputation %s%n", beforeTheDay, after, checked);
        if (all.episodesWritten() != 0 || all.episodesDeleted() != 0 || !after.equals(checked)) {
            throw new IllegalStateException("The full recomputation changed episodes the imports had left");
        }
    }

    /** An MD5 over every episode (person, municipality, dates, reasons, rule set), in a fixed order. */
    private String fingerprint() {
        return jdbc.sql("""
                SELECT md5(string_agg(concat_ws('|', p.pnr, e.municipality, e.entered, e.reason, e.entry_kind, e.rule_set,
                                                e.exited, e.exit_reason), ',' ORDER BY p.pnr, e.municipality, e.entered))
                FROM membership_episode e JOIN person p ON p.id = e.person_id""").query(String.class).single();
    }

    // ------------------------------------------------------------------ the worklist and the SCB return

    /**
     * The largest municipality's worklist: the query and the page alone, then 50 users at once who think
     * between pages and 50 who do not, on one instance; then the same 50 spread over two instances (one
     * database), as behind a load balancer.
     */
    private void worklistOfTheLargest() {
        jdbc.sql("""
                INSERT INTO user_municipality (user_id, municipality)
                SELECT id, :m FROM app_user WHERE username IN (:users) ON CONFLICT DO NOTHING""")
                .param("m", STOCKHOLM.value())
                .param("users", List.of(TestUsers.username(Role.HANDLAGGARE), TestUsers.username(Role.ENHETSCHEF)))
                .update();
        String page = "/arenden?municipality=" + STOCKHOLM;
        System.out.printf("the worklist of %s (%,d open cases):%n", STOCKHOLM,
                count("SELECT count(*) FROM casework_case WHERE status = 'OPEN' AND municipality = '" + STOCKHOLM + "'"));
        Timing.time("query, everyone, page 1 of 50", 10, 50,
                () -> worklist.list(STOCKHOLM, Worklist.Filter.everything(), 0, 50).total());
        WebSession one = signedIn(port);
        Timing.time("page GET /arenden (HTTP, render, audit)", 10, 50, () -> {
            HttpResponse<String> r = one.get(page);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET /arenden answered " + r.statusCode());
            }
            return (long) r.body().length();
        });
        int users = Integer.getInteger("benchmark.users", 50);
        List<WebSession> onOne = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            onOne.add(signedIn(port));
        }
        PageLoad.run("one instance: " + users + " users at once", onOne, page, 5_000, 60);
        PageLoad.run("one instance: " + users + " users at once", onOne, page, 0, 20);
        ConfigurableApplicationContext second = SecondInstance.start(context, Map.of(
                "kaa.platform.municipalities", served(), "kaa.intake.max-file-size", "1GB"));
        try {
            int secondPort = SecondInstance.port(second);
            List<WebSession> onTwo = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                onTwo.add(u % 2 == 0 ? onOne.get(u) : signedIn(secondPort));
            }
            PageLoad.run("two instances: " + users + " users at once, half on each", onTwo, page, 5_000, 60);
            PageLoad.run("two instances: " + users + " users at once, half on each", onTwo, page, 0, 20);
        } finally {
            second.close();
        }
    }

    private static WebSession signedIn(int port) {
        WebSession s = new WebSession(port);
        s.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD);
        return s;
    }

    private void scbReturnOfTheLargest() {
        HalfYear period = HalfYear.of(clock.today()).previous();
        ScbReturns.Built[] last = new ScbReturns.Built[1];
        System.out.printf("the SCB return of %s for %s:%n", STOCKHOLM, period);
        Timing.time("build and validate", 2, 10, () -> {
            last[0] = returns.build(STOCKHOLM, period);
            return (long) last[0].lines().size();
        });
        System.out.printf("  records %,d, errors %d, warnings %d%n", last[0].lines().size(), last[0].errors(), last[0].warnings());
        Timing.time("build, validate and export (xlsx + text stored)", 1, 5, () -> {
            ScbReturns.Built built = returns.build(STOCKHOLM, period);
            return (long) exports.export(built, "benchmark", "benchmark").version();
        });
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** With {@code -Dbenchmark.profile=true}: the statements the database spent a phase on. */
    private final class Profile {
        private final StatementSampler sampler = Boolean.getBoolean("benchmark.profile")
                ? StatementSampler.start(database, 100) : null;

        String close(String phase) {
            if (sampler == null) {
                return "";
            }
            try {
                sampler.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (sampler.failure() != null) {
                return sampler.failure();
            }
            return String.format("  database, %s (%d samples of active statements, most frequent first):%n%s%n",
                    phase, sampler.samples(), sampler.topStatements(6).indent(4).stripTrailing());
        }
    }
}
