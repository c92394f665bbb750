package se.kaa.intake;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.core.Ordered;

import se.kaa.shared.MunicipalityCode;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.HeapSampler;
import se.kaa.testsupport.StatementSampler;
import se.kaa.testsupport.SyntheticNumbers;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;

/**
 * Imports generated folkbokföring snapshots through the real service and embedded PostgreSQL and
 * prints, for the first load of a municipality: the import up to its commit (with its phases, from
 * the service's log line), the target-group recomputation after it, and the case lifecycle after
 * that – end to end as the upload request experiences it – and the peak heap. Every generated
 * resident is out of school and in no upper secondary school, so about 4 in 5 are members and get a
 * case: the worst first load. Numbers are synthetic and checksum-valid, generated at run time (never
 * committed). Surefire skips *Benchmark classes, but {@code -Dtest} overrides
 * that (so {@code -Dtest='se.kaa.intake.**'} would pick it up): it also needs {@code -Dkaa.benchmark=true}.
 *
 * <pre>
 * ./mvnw -q -B -T1 test -Dtest=FolkbokforingImportBenchmark -Dkaa.benchmark=true -DargLine="-Xmx256m" -Dbenchmark.rows=1000000
 * </pre>
 * With {@code -Dbenchmark.daily=true} each import is followed by a full recomputation (the daily job)
 * over everyone ever registered, timed with its own heap peak; with {@code -Dbenchmark.reimport=true}
 * the snapshot comes again two weeks later with 1 % moved out and 1 % at a new address; with
 * {@code -Dbenchmark.profile=true} each phase prints the statements the database spent its time on.
 * <pre>
 * </pre>
 *
 * It runs a file a tenth of the size first (which also warms up the JVM), then the full one: with a
 * flat memory profile both peaks are about the same.
 */
@KaaIntegrationTest
// The tests' 2 MB upload limit would refuse the benchmark's files (its own context, not the suite's).
@org.springframework.test.context.TestPropertySource(properties = "kaa.intake.max-file-size=1GB")
@EnabledIfSystemProperty(named = "kaa.benchmark", matches = "true")
class FolkbokforingImportBenchmark {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

    @Autowired Imports imports;
    @Autowired DatabaseCleaner cleaner;
    @Autowired TestClock clock;
    @Autowired ApplicationEventMulticaster multicaster;
    @Autowired se.kaa.targetgroup.internal.Recomputation recomputation;
    @Autowired se.kaa.platform.database.EmbeddedPostgresServer database;


    /**
     * Notes when the import published its follow-up (the last thing in its transaction) and when the
     * recomputation published its own (the last thing it does).
     */
    record Stopwatch(AtomicLong imported, AtomicLong recomputed, Profile profile)
            implements ApplicationListener<ApplicationEvent>, Ordered {
        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof FactsChanged) {
                imported.set(System.nanoTime());
                profile.phaseEnded("the import");
            }
            if (event instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof se.kaa.targetgroup.MembershipsChanged) {
                recomputed.set(System.nanoTime());
                profile.phaseEnded("the recomputation");
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /**
     * With {@code -Dbenchmark.profile=true}: which statements the database was running, phase by phase,
     * sampled from {@code pg_stat_activity} every 100 ms – where the time goes.
     */
    final class Profile {
        private final StatementSampler sampler = Boolean.getBoolean("benchmark.profile")
                ? StatementSampler.start(database, 100) : null;
        private final StringBuilder phases = new StringBuilder();

        synchronized void phaseEnded(String phase) {
            if (sampler != null) {
                phases.append(String.format("  database, %s (%d samples of active statements, most frequent first):%n%s%n",
                        phase, sampler.samples(), sampler.topStatements(8).indent(4).stripTrailing()));
                sampler.reset();
            }
        }

        String close(String lastPhase) throws InterruptedException {
            phaseEnded(lastPhase);
            if (sampler != null) {
                sampler.close();
                if (sampler.failure() != null) {
                    return sampler.failure();
                }
            }
            return phases.toString();
        }
    }

    @Test
    void importSnapshots() throws Exception {
        int rows = Integer.getInteger("benchmark.rows", 100_000);
        System.out.printf("%nFolkbokföring import benchmark, max heap %d MB, %d available processors%n",
                Runtime.getRuntime().maxMemory() / (1024 * 1024), Runtime.getRuntime().availableProcessors());
        run(Math.max(1, rows / 10));
        run(rows);
        if (Boolean.getBoolean("benchmark.reimport")) {
            reimport(rows);
        }
    }

    /**
     * The same municipality's snapshot two weeks later with 1 % moved out and 1 % at a new address (the
     * issue's "day of changes"): imported on top of the full one, timed end to end like the first load,
     * then compared with a full recomputation, which must find nothing left to write – the import's
     * follow-up recomputed everyone whose episodes the snapshot changed.
     */
    private void reimport(int rows) throws Exception {
        Path file = Files.createTempFile("kaa-benchmark-", ".csv");
        try {
            int listed = generate(file, 0, rows, "2380", AS_OF.plusDays(14), i -> i % 100 == 0 ? null
                    : i % 100 == 1 ? "Nya vägen " + (i % 50 + 1) : "Storgatan " + (i % 120 + 1));
            System.out.printf("%nthe same snapshot again on %s: %,d listed, %,d moved out, %,d at a new address, "
                            + "the rest turned 21%n", AS_OF.plusDays(14), listed, (rows + 99) / 100, (rows + 98) / 100);
            timedImport(file, listed, AS_OF.plusDays(14));
            Profile profile = new Profile();
            long fullStart = System.nanoTime();
            var result = recomputation.recomputeAll("benchmark-check");
            System.out.printf("  check: a full recomputation of %,d persons afterwards took %.2f s and wrote %,d "
                            + "episodes, deleted %,d (0 and 0: the import's follow-up missed no one)%n",
                    result.persons(), (System.nanoTime() - fullStart) / 1e9, result.episodesWritten(),
                    result.episodesDeleted());
            System.out.print(profile.close("the full recomputation (and the case lifecycle over everyone)"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void run(int rows) throws Exception {
        cleaner.clean();
        clock.reset();
        Path file = Files.createTempFile("kaa-benchmark-", ".csv");
        try {
            generate(file, rows);
            timedImport(file, rows, AS_OF);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void timedImport(Path file, int rows, LocalDate asOf) throws Exception {
        {
            long bytes = Files.size(file);
            HeapSampler heap = HeapSampler.afterGc(5);
            AtomicLong published = new AtomicLong();
            AtomicLong recomputed = new AtomicLong();
            Profile profile = new Profile();
            Stopwatch stopwatch = new Stopwatch(published, recomputed, profile);
            multicaster.addApplicationListener(stopwatch);
            ch.qos.logback.classic.Logger importLog = (ch.qos.logback.classic.Logger)
                    org.slf4j.LoggerFactory.getLogger(se.kaa.intake.internal.ImportService.class);
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> phases =
                    new ch.qos.logback.core.read.ListAppender<>();
            phases.start();
            importLog.addAppender(phases);
            long start = System.nanoTime();
            ImportReport report = imports.importFile(new ImportRequest(ImportKind.FOLKBOKFORING,
                    MunicipalityCode.of("2380"), asOf, "benchmark.csv", file, "benchmark"));
            long total = System.nanoTime() - start;
            String databaseProfile = profile.close("the case lifecycle");
            long nanos = published.get() - start;
            importLog.detachAppender(phases);
            multicaster.removeApplicationListener(stopwatch);
            heap.stop();
            long poolPeaks = HeapSampler.poolPeaks();
            double seconds = nanos / 1e9;
            System.out.printf("rows %,d (%,.1f MB): accepted %,d, rejected %,d in %.2f s = %,.0f rows/s; "
                            + "heap used before %d MB, sampled peak %d MB (+%d MB), sum of heap pool peaks %d MB, "
                            + "largest heap left after a GC %d MB%n",
                    rows, bytes / 1e6, report.rowsAccepted(), report.rowsRejected(), seconds, rows / seconds,
                    mb(heap.baseline), mb(heap.peak.get()), mb(heap.peak.get() - heap.baseline), mb(poolPeaks),
                    mb(heap.livePeak.get()));
            phases.list.forEach(e -> System.out.println("  import phases: " + e.getFormattedMessage()
                    .replaceAll(".*\\(ms: ", "(ms: ")));
            System.out.printf("  then the recomputation of the group took %.2f s, the case lifecycle %.2f s: "
                            + "end to end (upload to group and cases) %.2f s; %s%n",
                    (recomputed.get() - published.get()) / 1e9, (start + total - recomputed.get()) / 1e9, total / 1e9,
                    report.effects() == null ? "no effects" : report.effects().enteredTotal() + " entered the group, "
                            + report.effects().casesOpened() + " cases opened");
            System.out.print(databaseProfile);
            if (report.rowsAccepted() != rows) {
                throw new IllegalStateException("Expected every generated row to be accepted: " + report.errors());
            }
            if (Boolean.getBoolean("benchmark.daily")) {
                // The daily job over everyone ever registered: streamed, so its heap stays flat too.
                HeapSampler daily = HeapSampler.afterGc(5);
                long dailyStart = System.nanoTime();
                var result = recomputation.recomputeAll("benchmark");
                long dailyNanos = System.nanoTime() - dailyStart;
                daily.stop();
                System.out.printf("  a full recomputation of %,d persons took %.2f s "
                                + "(%,d episodes written); heap sampled peak %d MB, largest left after a GC %d MB%n",
                        result.persons(), dailyNanos / 1e9, result.episodesWritten(), mb(daily.peak.get()),
                        mb(daily.livePeak.get()));
                // The daily job the next day, nothing changed: only those whose next change point has come.
                clock.advance(java.time.Duration.ofDays(1));
                try {
                    long dueStart = System.nanoTime();
                    var due = recomputation.recomputeDue("benchmark-daily");
                    long dueNanos = System.nanoTime() - dueStart;
                    System.out.printf("  the daily job the next day, nothing changed: %,d persons due, %.2f s "
                                    + "(%,d episodes written, %,d deleted)%n",
                            due.persons(), dueNanos / 1e9, due.episodesWritten(), due.episodesDeleted());
                } finally {
                    clock.advance(java.time.Duration.ofDays(-1));
                }
            }
        }
    }

    /** Residents aged 15–20 on the snapshot date, each with a unique checksum-valid number. */
    static void generate(Path file, int rows) throws Exception {
        generate(file, 0, rows, "2380");
    }

    /** Rows {@code from} to {@code from + rows} of the same sequence (distinct persons), in {@code municipality}. */
    static void generate(Path file, int from, int rows, String municipality) throws Exception {
        generate(file, from, rows, municipality, AS_OF, i -> "Storgatan " + (i % 120 + 1));
    }

    /**
     * As above, on {@code asOf}'s snapshot (the same persons, aged from {@link #AS_OF}); {@code address}
     * gives row {@code i}'s address, or {@code null} to leave the person out (moved away).
     */
    static int generate(Path file, int from, int rows, String municipality, LocalDate asOf,
                        java.util.function.IntFunction<String> address) throws Exception {
        int written = 0;
        LocalDate first = AS_OF.minusYears(20).plusDays(1);
        int days = (int) (AS_OF.minusYears(15).toEpochDay() - first.toEpochDay());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status\n");
            for (int i = from; i < from + rows; i++) {
                LocalDate birth = first.plusDays(i % days);
                int serial = i / days; // 0..999 gives room for days * 1000 people
                String pnr = SyntheticNumbers.personnummer(birth, serial);
                String street = address.apply(i);
                if (street == null || birth.plusYears(21).isBefore(asOf.plusDays(1))) {
                    continue;
                }
                written++;
                out.write(pnr + ";Förnamn" + i + ";Efternamn" + (i % 997) + ";" + municipality + ";" + birth + ";;" + street
                        + ";831" + (i % 90 + 10) + ";Östersund;" + (i % 500 == 0 ? "JA" : "NEJ") + ";NORMAL\n");
            }
        }
        return written;
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }
}
