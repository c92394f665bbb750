package se.kaa.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import se.kaa.intake.AdmissionDecision;
import se.kaa.intake.CredentialType;
import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.ImportKind;
import se.kaa.intake.RegistrationStatus;
import se.kaa.intake.SchoolType;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;
import se.kaa.shared.SchoolUnitCode;

/**
 * The demo municipality as the four canonical CSV files (PRODUCT.md), in memory: folkbokföring
 * snapshots oldest first, enrolments, credentials and admissions, plus who is who
 * ({@link #persons()}) so that tests and the loader's log can tell the situations apart.
 *
 * @param today     the date the data was generated for; every date is relative to it
 * @param snapshots folkbokföring snapshots, oldest first, all dated before {@code today}
 */
public record DemoData(
        LocalDate today,
        MunicipalityCode municipality,
        List<Snapshot> snapshots,
        List<EnrolmentRow> enrolments,
        List<CredentialRow> credentials,
        List<AdmissionRow> admissions,
        List<DemoPerson> persons) {

    public static final String FOLKBOKFORING_HEADER =
            "personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status";
    public static final String INSKRIVNINGAR_HEADER =
            "personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak";
    public static final String EXAMINA_HEADER = "personnummer;typ;datum";
    public static final String ANTAGNING_HEADER = "personnummer;skolenhetskod;programkod;besked;startdatum";

    public DemoData {
        snapshots = List.copyOf(snapshots);
        enrolments = List.copyOf(enrolments);
        credentials = List.copyOf(credentials);
        admissions = List.copyOf(admissions);
        persons = List.copyOf(persons);
    }

    /** The files in the order they must be imported: snapshots oldest first, then the others. */
    public List<CsvFile> files() {
        List<CsvFile> files = new ArrayList<>();
        for (Snapshot s : snapshots) {
            files.add(new CsvFile(ImportKind.FOLKBOKFORING, s.asOf(), "folkbokforing-" + s.asOf() + ".csv", s.toCsv()));
        }
        files.add(new CsvFile(ImportKind.INSKRIVNINGAR, today, "inskrivningar.csv", inskrivningarCsv()));
        files.add(new CsvFile(ImportKind.EXAMINA, today, "examina.csv", examinaCsv()));
        files.add(new CsvFile(ImportKind.ANTAGNING, today, "antagning.csv", antagningCsv()));
        return files;
    }

    public String inskrivningarCsv() {
        return csv(INSKRIVNINGAR_HEADER, enrolments, EnrolmentRow::toCsv);
    }

    public String examinaCsv() {
        return csv(EXAMINA_HEADER, credentials, CredentialRow::toCsv);
    }

    public String antagningCsv() {
        return csv(ANTAGNING_HEADER, admissions, AdmissionRow::toCsv);
    }

    /** The latest snapshot (a month before today). */
    public Snapshot latestSnapshot() {
        return snapshots.get(snapshots.size() - 1);
    }

    /** One file to import. {@code asOf} is the snapshot date for folkbokföring, today otherwise. */
    public record CsvFile(ImportKind kind, LocalDate asOf, String fileName, String content) {
    }

    /** A folkbokföring extract of the municipality's residents aged 15–20 on {@code asOf}. */
    public record Snapshot(LocalDate asOf, List<PopulationRow> rows) {
        public Snapshot {
            rows = List.copyOf(rows);
        }

        public String toCsv() {
            return csv(FOLKBOKFORING_HEADER, rows, PopulationRow::toCsv);
        }

        public boolean lists(PersonalIdentityNumber pin) {
            return rows.stream().anyMatch(r -> r.pin().equals(pin));
        }
    }

    /** A row of {@code folkbokforing.csv}; a protected person's address is not disclosed (blank). */
    public record PopulationRow(
            PersonalIdentityNumber pin, String givenName, String familyName, MunicipalityCode municipality,
            LocalDate registeredSince, LocalDate immigrationDate, String address, String postalCode, String city,
            boolean protectedIdentity, RegistrationStatus status) {

        public String toCsv() {
            return line(pin.value(), givenName, familyName, municipality.value(), iso(registeredSince),
                    iso(immigrationDate), address, postalCode, city, protectedIdentity ? "JA" : "NEJ", status.name());
        }
    }

    /** A row of {@code inskrivningar.csv}; {@code end} and {@code endReason} are null while enrolled. */
    public record EnrolmentRow(
            PersonalIdentityNumber pin, SchoolUnitCode schoolUnit, String organiser, SchoolType schoolType,
            String programme, LocalDate start, LocalDate end, EnrolmentEndReason endReason) {

        public boolean isIntroductoryProgramme() {
            return programme.startsWith("IM");
        }

        /** Enrolled on {@code date} (start and end are inclusive). */
        public boolean covers(LocalDate date) {
            return !start.isAfter(date) && (end == null || !end.isBefore(date));
        }

        public String toCsv() {
            return line(pin.value(), schoolUnit.value(), organiser, schoolType.name(), programme, iso(start), iso(end),
                    endReason == null ? "" : endReason.name());
        }
    }

    /** A row of {@code examina.csv}. */
    public record CredentialRow(PersonalIdentityNumber pin, CredentialType type, LocalDate date) {
        public String toCsv() {
            return line(pin.value(), type.name(), iso(date));
        }
    }

    /** A row of {@code antagning.csv}. */
    public record AdmissionRow(
            PersonalIdentityNumber pin, SchoolUnitCode schoolUnit, String programme, AdmissionDecision decision,
            LocalDate start) {
        public String toCsv() {
            return line(pin.value(), schoolUnit.value(), programme, decision.name(), iso(start));
        }
    }

    /**
     * Who a demo person is meant to be.
     *
     * @param expectedInGroup whether she should be in the target group on {@code today} by the 2018
     *                        rules with the default 14-day grace after term start – what the
     *                        generator built, for tests and the log, not a decision of the engine
     */
    public record DemoPerson(
            PersonalIdentityNumber pin, Situation situation, boolean protectedIdentity, boolean expectedInGroup) {
    }

    private static <T> String csv(String header, List<T> rows, Function<T, String> toCsv) {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (T row : rows) {
            sb.append(toCsv.apply(row)).append('\n');
        }
        return sb.toString();
    }

    private static String iso(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    private static String line(String... values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(';');
            }
            sb.append(escape(values[i]));
        }
        return sb.toString();
    }

    private static String escape(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(';') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
