package se.kaa.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;

import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.EnrolmentFact;
import se.kaa.intake.FactSource;
import se.kaa.intake.FactStore;
import se.kaa.intake.FactsChanged;
import se.kaa.intake.ImportKind;
import se.kaa.intake.ImportRejectedException;
import se.kaa.intake.ImportReport;
import se.kaa.intake.ImportRequest;
import se.kaa.intake.Imports;
import se.kaa.intake.PersonFacts;
import se.kaa.intake.AdmissionDecision;
import se.kaa.person.PersonDirectory;
import se.kaa.platform.Installation;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;

/** The import service against the real database: semantics, transaction boundary, events, limits. */
@KaaIntegrationTest
@RecordApplicationEvents
class ImportServiceTest {

    static final MunicipalityCode OSTERSUND = MunicipalityCode.of("2380");
    static final LocalDate SNAPSHOT_1 = LocalDate.of(2026, 9, 1);
    static final LocalDate SNAPSHOT_2 = LocalDate.of(2026, 11, 1);

    @Autowired se.kaa.audit.AuditLog auditLog;
    @Autowired Imports imports;
    @Autowired FactStore facts;
    @Autowired PersonDirectory persons;
    @Autowired JdbcClient jdbc;
    @Autowired DatabaseCleaner cleaner;
    @Autowired TestClock clock;
    @Autowired ApplicationEvents events;

    @Autowired JdbcTemplate template;
    @Autowired DataSource dataSource;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired Installation installation;
    @Autowired ApplicationEventPublisher publisher;
    @Autowired IntakeMessages messages;
    @Autowired ImportBatches batches;
    @Autowired BatchDecisions decisions;
    @Autowired org.springframework.context.event.ApplicationEventMulticaster multicaster;
    @Autowired org.springframework.beans.factory.ObjectProvider<se.kaa.intake.SnapshotImpact> impact;

    private static final IntakeProperties.Hold DEFAULT_HOLD = new IntakeProperties.Hold(0.10, 25, 0.80);

    @TempDir Path dir;

    @BeforeEach
    void setUp() {
        cleaner.clean();
        clock.reset();
    }

    @AfterEach
    void dropTriggers() {
        jdbc.sql("DROP TRIGGER IF EXISTS fail_halfway ON person").update();
        jdbc.sql("DROP TRIGGER IF EXISTS fail_halfway ON enrolment").update();
        jdbc.sql("DROP FUNCTION IF EXISTS fail_halfway()").update();
    }

    @Test
    void aLaterSnapshotAffectsThoseWhoDisappearedAndUpdatesDetails() {
        ImportReport first = imports.importFile(request(ImportKind.FOLKBOKFORING, SNAPSHOT_1, "folkbokforing-utf8.csv"));
        UUID sara = id("200702122391");
        UUID erik = id("200701232381");
        assertThat(lastFactsChanged().batchId()).isEqualTo(first.id());
        assertThat(affected(first.id())).hasSize(3);
        assertThat(lastFactsChanged().cause()).isEqualTo("folkbokforing import batch " + first.id());

        ImportReport second = imports.importFile(request(ImportKind.FOLKBOKFORING, SNAPSHOT_2, "folkbokforing-later.csv"));
        // it lists 2 of the 3 residents the first one listed, under 80 %: held until a person confirms it
        assertThat(second.status()).isEqualTo("AWAITING_CONFIRMATION");
        second = decisions.confirm(second.id(), "import-test");

        assertThat(second.rowsAccepted()).isEqualTo(2);
        FactsChanged changed = lastFactsChanged();
        assertThat(changed.batchId()).isEqualTo(second.id());
        assertThat(changed.personIds()).as("a batch's persons are read from the batch, not carried").isEmpty();
        assertThat(affected(second.id()))
                .as("Sara is missing from the later snapshot: she moved out; Åsa and Erik are listed as before "
                        + "(Erik's new address is no fact the group depends on), so they are not recomputed")
                .containsExactly(sara);
        assertThat(jdbc.sql("SELECT as_of::text FROM import_batch WHERE id = ?").param(second.id()).query(String.class).single())
                .isEqualTo("2026-11-01");
        assertThat(persons.summary(erik).orElseThrow().address()).isEqualTo("Nygatan 9");
        assertThat(persons.summary(erik).orElseThrow().detailsAsOf()).isEqualTo(SNAPSHOT_2);

        PersonFacts saraFacts = facts.factsFor(List.of(sara)).get(0);
        assertThat(saraFacts.population()).singleElement().satisfies(p -> {
            assertThat(p.asOf()).isEqualTo(SNAPSHOT_1);
            assertThat(p.provenance().batchId()).isEqualTo(first.id());
            assertThat(p.protectedIdentity()).isTrue();
        });
        assertThat(saraFacts.snapshots()).extracting(s -> s.asOf()).containsExactlyInAnyOrder(SNAPSHOT_1, SNAPSHOT_2);
        assertThat(jdbc.sql("SELECT count(DISTINCT person_id) FROM intake_registered_person WHERE municipality = ?")
                .param(OSTERSUND.value()).query(Long.class).single())
                .as("the view a full recomputation streams its persons from").isEqualTo(3);
    }

    /**
     * The first snapshot creates its persons with their details (nothing left to write them again);
     * a later one that is held creates its new persons bare: were it discarded, nothing of its names
     * and addresses may stay. They get them when it is confirmed.
     */
    @Test
    void onlyTheFirstSnapshotCreatesItsPersonsWithTheirDetails() {
        imports.importFile(request(ImportKind.FOLKBOKFORING, SNAPSHOT_1, "folkbokforing-utf8.csv"));
        assertThat(persons.summary(id("200701012387")).orElseThrow().address()).isEqualTo("Storgatan 1");
        assertThat(persons.summary(id("200701012387")).orElseThrow().detailsAsOf()).isEqualTo(SNAPSHOT_1);
        String newcomer = "200703012385";
        Path later = write("later.csv", """
                personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
                200701012387;Åsa;Öberg;2380;2007-01-01;;Storgatan 1;83130;Östersund;NEJ;NORMAL
                %s;Nils;Ny;2380;2026-10-01;;Nygatan 1;83130;Östersund;NEJ;NORMAL
                """.formatted(newcomer));
        ImportReport held = imports.importFile(new ImportRequest(ImportKind.FOLKBOKFORING, OSTERSUND, SNAPSHOT_2,
                "later.csv", later, "import-test"));
        assertThat(held.status()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(persons.summary(id(newcomer)).orElseThrow()).satisfies(p -> {
            assertThat(p.givenName()).isNull();
            assertThat(p.address()).isNull();
            assertThat(p.detailsAsOf()).isNull();
        });
        decisions.confirm(held.id(), "import-test");
        assertThat(persons.summary(id(newcomer)).orElseThrow().address()).isEqualTo("Nygatan 1");
        assertThat(persons.summary(id(newcomer)).orElseThrow().detailsAsOf()).isEqualTo(SNAPSHOT_2);
    }

    @Test
    void factsChangedIsRecordedInTheImportsTransactionAndItsFollowUpCompletesAfterTheCommit() {
        List<String> seen = new java.util.ArrayList<>();
        org.springframework.context.ApplicationListener<org.springframework.context.ApplicationEvent> listener = event -> {
            if (event instanceof org.springframework.context.PayloadApplicationEvent<?> p && p.getPayload() instanceof FactsChanged) {
                // published with the facts, before the commit: recorded in the same transaction
                seen.add(org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()
                        + " " + template.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL",
                        Integer.class));
            }
        };
        multicaster.addApplicationListener(listener);
        ImportReport report;
        try {
            report = imports.importFile(request(ImportKind.FOLKBOKFORING, SNAPSHOT_1, "folkbokforing-utf8.csv"));
        } finally {
            multicaster.removeApplicationListener(listener);
        }
        assertThat(seen).containsExactly("true 1");
        // after the commit the recomputation ran and completed: nothing is left incomplete
        assertThat(report.followUp()).isEqualTo("DONE");
        assertThat(jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL").query(Integer.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM recomputation_run WHERE cause = ?")
                .param("folkbokforing import batch " + report.id()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aLaterEnrolmentFileEndsAnEnrolmentWithTheNewBatchAsTheEndsProvenance() {
        ImportReport first = imports.importFile(request(ImportKind.INSKRIVNINGAR, null, "inskrivningar.csv"));
        ImportReport later = imports.importFile(request(ImportKind.INSKRIVNINGAR, null, "inskrivningar-later.csv"));

        assertThat(later.rowsAccepted()).isEqualTo(2);
        List<EnrolmentFact> asa = facts.factsFor(List.of(id("200701012387"))).get(0).enrolments();
        assertThat(asa).singleElement().satisfies(e -> {
            assertThat(e.end()).isEqualTo(LocalDate.of(2026, 3, 13));
            assertThat(e.endReason()).isEqualTo(EnrolmentEndReason.AVBROTT);
            assertThat(e.provenance().batchId()).isEqualTo(first.id());
            assertThat(e.endProvenance().source()).isEqualTo(FactSource.INSKRIVNINGAR);
            assertThat(e.endProvenance().batchId()).isEqualTo(later.id());
        });
        List<EnrolmentFact> erik = facts.factsFor(List.of(id("200701232381"))).get(0).enrolments();
        assertThat(erik).singleElement().satisfies(e -> {
            assertThat(e.end()).isNull();
            assertThat(e.endProvenance()).isNull();
        });
        List<EnrolmentFact> sara = facts.factsFor(List.of(id("200702122391"))).get(0).enrolments();
        assertThat(sara).singleElement().satisfies(e -> {
            assertThat(e.isIntroductoryProgramme()).isTrue();
            assertThat(e.end()).isEqualTo(LocalDate.of(2025, 2, 10));
            assertThat(e.endProvenance()).as("the end came with the start").isNull();
        });
        assertThat(lastFactsChanged().batchId()).isEqualTo(later.id());
        // the batch's persons are those whose facts it wrote: Åsa's end; Erik's row repeats what is known
        assertThat(affected(later.id())).containsExactly(id("200701012387"));
    }

    @Test
    void credentialsAreIdempotentAndAdmissionsUpserted() {
        imports.importFile(request(ImportKind.EXAMINA, null, "examina.csv"));
        Path again = write("examina-again.csv", "typ;datum;personnummer\nGYEX_HOG;2026-06-12;200701012387\n");
        ImportReport second = imports.importFile(new ImportRequest(ImportKind.EXAMINA, OSTERSUND, null, "x.csv", again, "u"));
        assertThat(second.rowsAccepted()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM credential").query(Integer.class).single()).isEqualTo(2);

        imports.importFile(request(ImportKind.ANTAGNING, null, "antagning.csv"));
        ImportReport later = imports.importFile(request(ImportKind.ANTAGNING, null, "antagning-later.csv"));
        var admissions = facts.factsFor(List.of(id("200801192386"))).get(0).admissions();
        assertThat(admissions).singleElement().satisfies(a -> {
            assertThat(a.decision()).isEqualTo(AdmissionDecision.ANTAGEN);
            assertThat(a.provenance().batchId()).isEqualTo(later.id());
        });
    }

    @Test
    void aDatabaseFailureHalfwayThroughTheStreamLeavesNoTrace() {
        // chunks of 2 rows: the third chunk's persons are created after two chunks were copied and stored
        Imports small = service(new IntakeProperties(DataSize.ofMegabytes(50), 2, 1000, DEFAULT_HOLD));
        jdbc.sql("""
                CREATE FUNCTION fail_halfway() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'simulated failure'; END $$""").update();
        jdbc.sql("""
                CREATE TRIGGER fail_halfway BEFORE INSERT ON person FOR EACH ROW
                WHEN (NEW.pnr = '200801192386') EXECUTE FUNCTION fail_halfway()""").update();
        Path file = write("many.csv", """
                personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
                200701012387;12345678;K;GY;NA;2023-08-21;;
                200701232381;12345678;K;GY;NA;2023-08-21;;
                200702122391;12345678;K;GY;NA;2023-08-21;;
                200703052381;1234;K;GY;NA;2023-08-21;;
                200801192386;12345678;K;GY;NA;2023-08-21;;
                200802292383;12345678;K;GY;NA;2023-08-21;;
                """);

        assertThatThrownBy(() -> small.importFile(new ImportRequest(ImportKind.INSKRIVNINGAR, OSTERSUND, null, "m.csv", file, "u")))
                .hasMessageContaining("simulated failure");

        assertNothingStored();
        assertThat(events.stream(FactsChanged.class)).isEmpty();
    }

    @Test
    void aDatabaseFailureWhileApplyingLeavesNoTrace() {
        jdbc.sql("""
                CREATE FUNCTION fail_halfway() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'simulated failure'; END $$""").update();
        jdbc.sql("""
                CREATE TRIGGER fail_halfway BEFORE INSERT ON enrolment FOR EACH ROW
                WHEN (NEW.school_unit_code = '87654321') EXECUTE FUNCTION fail_halfway()""").update();

        assertThatThrownBy(() -> imports.importFile(request(ImportKind.INSKRIVNINGAR, null, "inskrivningar.csv")))
                .hasMessageContaining("simulated failure");

        assertNothingStored();
        assertThat(events.stream(FactsChanged.class)).isEmpty();
    }

    @Test
    void theServiceEnforcesItsOwnSizeLimitWith413() {
        Imports small = service(new IntakeProperties(DataSize.ofBytes(100), 5000, 1000, DEFAULT_HOLD));

        assertThatThrownBy(() -> small.importFile(request(ImportKind.FOLKBOKFORING, SNAPSHOT_2, "folkbokforing-utf8.csv")))
                .isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
                    assertThat(e.messageKey()).isEqualTo("intake.rejected.too-large");
                });
        assertNothingStored();
    }

    @Test
    void aFileWithNoAcceptableRowIsKeptAsRejectedButIsNoSnapshot() {
        Path file = write("wrong-municipality.csv", """
                personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
                200701012387;Åsa;Öberg;2361;2007-01-01;;Storgatan 1;83130;Östersund;NEJ;NORMAL
                """);

        ImportReport report = imports.importFile(new ImportRequest(ImportKind.FOLKBOKFORING, OSTERSUND, SNAPSHOT_2, "w.csv", file, "u"));

        assertThat(report.status()).isEqualTo("REJECTED");
        assertThat(report.rowsRejected()).isEqualTo(1);
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("inget ändrades"));
        assertThat(jdbc.sql("SELECT count(*) FROM population_record").query(Integer.class).single()).isZero();
        assertThat(events.stream(FactsChanged.class)).isEmpty();
    }

    @Test
    void tenDigitNumbersAreResolvedAgainstTodayForFilesWithoutSnapshotDate() {
        Path file = write("ten.csv", "personnummer;typ;datum\n070101-2387;GYEX_YRK;2026-06-12\n");
        ImportReport report = imports.importFile(new ImportRequest(ImportKind.EXAMINA, OSTERSUND, null, "t.csv", file, "u"));
        assertThat(report.rowsAccepted()).isEqualTo(1);
        assertThat(persons.find(PersonalIdentityNumber.ofStored("200701012387"))).isPresent();
    }

    private void assertNothingStored() {
        for (String table : List.of("import_batch", "import_rejected_row", "person", "enrolment", "population_record")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single()).as(table).isZero();
        }
    }

    private Imports service(IntakeProperties properties) {
        PersonDirectory directory = persons;
        return new ImportService(template, dataSource, transactionManager, directory, installation, (Clock) clock,
                publisher, properties, messages, batches, List.of(new FolkbokforingFormat(directory),
                new InskrivningarFormat(), new ExaminaFormat(), new AntagningFormat()), auditLog,
                new SnapshotHold(template, properties, impact));
    }

    private FactsChanged lastFactsChanged() {
        List<FactsChanged> all = events.stream(FactsChanged.class).toList();
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    /** The persons the recomputation after a batch looks at. */
    private List<UUID> affected(long batchId) {
        List<UUID> ids = new java.util.ArrayList<>();
        facts.forEachPersonAffectedBy(batchId, 2, ids::addAll);
        return ids;
    }

    private UUID id(String pnr) {
        return persons.find(PersonalIdentityNumber.ofStored(pnr)).orElseThrow();
    }

    private ImportRequest request(ImportKind kind, LocalDate asOf, String fixture) {
        Path file = dir.resolve(UUID.randomUUID() + "-" + fixture);
        try (var in = getClass().getResourceAsStream("/intake/" + fixture)) {
            Files.write(file, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new ImportRequest(kind, OSTERSUND, asOf, fixture, file, "import-test");
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
