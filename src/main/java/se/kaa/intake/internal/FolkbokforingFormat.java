package se.kaa.intake.internal;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;

import se.kaa.intake.ImportKind;
import se.kaa.intake.RegistrationStatus;
import se.kaa.person.PersonDirectory;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;

/** folkbokforing.csv: a snapshot of the municipality's residents aged 15–20 on the snapshot date. */
@Component
class FolkbokforingFormat extends ImportFormat {

    private final PersonDirectory persons;

    FolkbokforingFormat(PersonDirectory persons) {
        this.persons = persons;
    }

    @Override
    ImportKind kind() {
        return ImportKind.FOLKBOKFORING;
    }

    @Override
    List<String> columns() {
        return List.of("personnummer", "fornamn", "efternamn", "kommunkod", "folkbokford_sedan", "invandringsdatum",
                "adress", "postnummer", "postort", "skyddad", "status");
    }

    @Override
    List<String> stagingColumns() {
        return List.of("given_name text", "family_name text", "registered_since date", "immigration_date date",
                "address text", "postal_code text", "city text", "protected_identity boolean", "status text");
    }

    @Override
    Staged parse(Row row, Context context) {
        PersonalIdentityNumber pin = row.pin("personnummer", context.referenceDate());
        String givenName = row.text("fornamn");
        String familyName = row.text("efternamn");
        MunicipalityCode municipality = row.municipality("kommunkod");
        if (municipality != null && !municipality.equals(context.municipality())) {
            row.problem("kommunkod", "intake.row.municipality-mismatch", context.municipality().value());
        }
        LocalDate since = notAfterAsOf(row, "folkbokford_sedan", row.date("folkbokford_sedan", true), context);
        LocalDate immigrated = notAfterAsOf(row, "invandringsdatum", row.date("invandringsdatum", false), context);
        String address = row.text("adress");
        String postalCode = row.text("postnummer");
        String city = row.text("postort");
        Boolean protectedIdentity = row.yesNo("skyddad");
        RegistrationStatus status = row.choice("status", RegistrationStatus.class, true);
        if (!row.valid()) {
            return null;
        }
        return new Staged(pin, givenName, familyName, since, immigrated, address, postalCode, city,
                protectedIdentity, status);
    }

    private static LocalDate notAfterAsOf(Row row, String column, LocalDate date, Context context) {
        if (date != null && date.isAfter(context.asOf())) {
            row.problem(column, "intake.row.after-as-of", context.asOf());
            return null;
        }
        return date;
    }

    /**
     * The municipality's first snapshot (never held for confirmation, SnapshotHold) creates its
     * persons with their details, so that {@link #apply} has nothing left to write to them: a first
     * load of a million no longer writes each person twice. A later snapshot may be held and then
     * discarded: its new persons are created bare, and get their details only when it is applied.
     */
    @Override
    boolean detailsAtCreation(Context context) {
        return !Boolean.TRUE.equals(context.jdbc().queryForObject("""
                SELECT EXISTS (SELECT 1 FROM import_batch WHERE source = 'FOLKBOKFORING' AND status = 'COMPLETED'
                               AND municipality = ? AND id <> ?)""", Boolean.class,
                context.municipality().value(), context.batchId()));
    }

    @Override
    se.kaa.person.RegisteredDetails newPersonDetails(Staged row, Context context) {
        Object[] v = row.values();
        return new se.kaa.person.RegisteredDetails(null, context.asOf(), (String) v[0], (String) v[1], (String) v[4],
                (String) v[5], (String) v[6], Boolean.TRUE.equals(v[7]));
    }

    @Override
    String duplicateKey() {
        return "person_id";
    }

    @Override
    String duplicateMessageKey() {
        return "intake.row.duplicate.person";
    }

    @Override
    String factTable() {
        return "population_record";
    }

    /**
     * Inserted in the order of the person: the indexes by person and the foreign key's look-ups then
     * go through the index pages in order, not at random (a million rows: 9 s instead of 17 without
     * the foreign keys, 21–24 s instead of 25–26 with them – measured on PostgreSQL 17, docs/performance.md).
     */
    @Override
    void apply(Context context) {
        context.jdbc().update("""
                INSERT INTO population_record (person_id, batch_id, municipality, as_of, registered_since,
                       immigration_date, protected_identity, status, given_name, family_name, address, postal_code, city)
                SELECT person_id, ?, ?, ?, registered_since, immigration_date, protected_identity, status,
                       given_name, family_name, address, postal_code, city
                FROM intake_stage ORDER BY person_id""", context.batchId(), context.municipality().value(), context.asOf());
        // Name, address and protection go to the person directory in one set-based statement. Only
        // what differs is written, so a person's details keep the date they were read from; a snapshot
        // applied after a later one must then not overwrite what the later one confirmed.
        boolean outOfOrder = Boolean.TRUE.equals(context.jdbc().queryForObject("""
                SELECT EXISTS (SELECT 1 FROM import_batch WHERE source = 'FOLKBOKFORING' AND status = 'COMPLETED'
                               AND municipality = ? AND as_of > ?)""", Boolean.class,
                context.municipality().value(), context.asOf()));
        persons.updateRegisteredDetailsFrom("""
                SELECT person_id, given_name, family_name, address, postal_code, city, protected_identity
                FROM\s""" + STAGE + (outOfOrder ? " s\n" + """
                 WHERE NOT EXISTS (SELECT 1 FROM population_record r
                                    JOIN import_batch b ON b.id = r.batch_id AND b.status = 'COMPLETED'
                                    WHERE r.person_id = s.person_id AND r.as_of > '%s')""".formatted(context.asOf())
                : ""), context.asOf());
    }
}
