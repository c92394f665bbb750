package se.kaa.demo.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.kaa.demo.DemoData;
import se.kaa.demo.DemoData.CsvFile;
import se.kaa.demo.DemoData.DemoPerson;
import se.kaa.demo.DemoDataGenerator;
import se.kaa.demo.Situation;
import se.kaa.demo.TestPersonnummer;
import se.kaa.intake.ImportRejectedException;
import se.kaa.intake.ImportReport;
import se.kaa.intake.ImportRequest;
import se.kaa.intake.Imports;
import se.kaa.platform.Installation;

/**
 * Fills an empty database with the demo municipality on first start when demo data is on: the
 * generated CSV files go through the real import pipeline, exactly as uploaded files would, so the
 * demo also shows import batches, provenance and the group computed from them.
 *
 * <p>Runs after the administrator bootstrap. "Empty" means no import batch at all: once anything
 * was imported – the demo or real data – it never runs again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class DemoDataLoader implements ApplicationRunner {

    static final String USERNAME = "demo";

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final Installation installation;
    private final JdbcClient jdbc;
    private final Imports imports;
    private final Clock clock;
    private final se.kaa.casework.DemoCasework casework;
    private final se.kaa.intake.SchoolUnits schoolUnits;

    DemoDataLoader(Installation installation, JdbcClient jdbc, Imports imports, Clock clock,
                   se.kaa.casework.DemoCasework casework, se.kaa.intake.SchoolUnits schoolUnits) {
        this.casework = casework;
        this.schoolUnits = schoolUnits;
        this.installation = installation;
        this.jdbc = jdbc;
        this.imports = imports;
        this.clock = clock;
    }

    @Override
    @se.kaa.platform.ClusterJob("demo-loader")
    public void run(ApplicationArguments args) {
        if (installation.demoData()) {
            se.kaa.audit.SystemJob.run("demo-loader", this::loadIfEmpty);
        }
    }

    /** Loads the demo data unless something was imported before; true when it loaded. */
    boolean loadIfEmpty() {
        // import_batch belongs to intake; a count is the one thing asked of it, and no API says "empty" yet.
        long batches = jdbc.sql("SELECT count(*) FROM import_batch").query(Long.class).single();
        if (batches > 0) {
            log.debug("Demo data not loaded: the database already holds {} import batches", batches);
            return false;
        }
        LocalDate today = LocalDate.now(clock);
        DemoData data = DemoDataGenerator.generate(today, TestPersonnummer.load());
        logSituations(data);
        schoolUnits.save(DemoDataGenerator.schoolUnits(), "DEMO", "demo");
        if (!importAll(imports, data)) {
            return false;
        }
        try {
            int worked = casework.workTheCases(Installation.DEMO_MUNICIPALITY, today);
            log.info("Demo data: {} cases given the history of a unit that has worked them", worked);
        } catch (RuntimeException e) {
            // as for a failed import: the application is usable without it (named by type: no personal data)
            log.error("Demo data: the casework history could not be added ({})", e.getClass().getName());
        }
        return true;
    }

    /** Imports the files in order, stopping at the first that fails; true when all were imported. */
    static boolean importAll(Imports pipeline, DemoData data) {
        for (CsvFile file : data.files()) {
            ImportReport report;
            try {
                report = importOne(pipeline, file);
            } catch (RuntimeException e) {
                // Logged, not thrown: the application is usable without the demo, and a half-loaded
                // demo is better diagnosed from this message than from a failed start.
                // Only a rejection's message is known to be free of personal data (a database
                // error's may quote a personnummer), so others are named by their type.
                String reason = e instanceof ImportRejectedException ? e.getMessage() : e.getClass().getName();
                log.error("Demo data: importing {} failed ({}); the remaining demo files were not imported",
                        file.fileName(), reason);
                return false;
            }
            if (report.rowsRejected() > 0) {
                log.warn("Demo data: {} had {} rejected rows of {} (the demo data should be clean; see the import batch)",
                        file.fileName(), report.rowsRejected(), report.rowsTotal());
            }
            log.info("Demo data: imported {} as batch {}: {} rows accepted, {} rejected",
                    file.fileName(), report.id(), report.rowsAccepted(), report.rowsRejected());
        }
        return true;
    }

    private static ImportReport importOne(Imports pipeline, CsvFile file) {
        Path temp = null;
        try {
            temp = Files.createTempFile("kaa-demo-" + file.kind().path() + "-", ".csv");
            Files.writeString(temp, file.content(), StandardCharsets.UTF_8);
            return pipeline.importFile(new ImportRequest(file.kind(), Installation.DEMO_MUNICIPALITY, file.asOf(),
                    file.fileName(), temp, USERNAME));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    log.debug("Could not delete a demo temp file", e);
                }
            }
        }
    }

    private static void logSituations(DemoData data) {
        Map<Situation, Integer> counts = new TreeMap<>();
        int inGroup = 0;
        for (DemoPerson p : data.persons()) {
            counts.merge(p.situation(), 1, Integer::sum);
            if (p.expectedInGroup()) {
                inGroup++;
            }
        }
        log.info("Demo data for {}: {} persons in municipality {}, about {} in the target group today; by situation: {}",
                data.today(), data.persons().size(), data.municipality(), inGroup, counts);
    }
}
