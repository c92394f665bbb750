package se.kaa.intake.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.intake.AdmissionDecision;
import se.kaa.intake.AdmissionFact;
import se.kaa.intake.CredentialFact;
import se.kaa.intake.CredentialType;
import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.EnrolmentFact;
import se.kaa.intake.FactSource;
import se.kaa.intake.FactStore;
import se.kaa.intake.PersonFacts;
import se.kaa.intake.PlacementFact;
import se.kaa.intake.PopulationFact;
import se.kaa.intake.Provenance;
import se.kaa.intake.RegistrationStatus;
import se.kaa.intake.SchoolType;
import se.kaa.intake.SnapshotFact;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;

/** Loads facts for many persons with one query per fact table. */
@Repository
@Transactional(readOnly = true)
class JdbcFactStore implements FactStore {

    private final JdbcTemplate jdbc;
    private final javax.sql.DataSource dataSource;

    JdbcFactStore(JdbcTemplate jdbc, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @Override
    public List<PersonFacts> factsFor(Collection<UUID> personIds) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        UUID[] ids = personIds.stream().distinct().toArray(UUID[]::new);
        Map<UUID, Builder> builders = new HashMap<>(ids.length * 2);
        query("SELECT id, pnr FROM person WHERE id = ANY (?)", ids, rs -> {
            UUID id = rs.getObject(1, UUID.class);
            builders.put(id, new Builder(id, PersonalIdentityNumber.ofStored(rs.getString(2))));
        });
        query("""
                SELECT p.person_id, p.municipality, p.as_of, p.registered_since, p.immigration_date,
                       p.protected_identity, p.status, p.batch_id, b.received_at
                FROM population_record p JOIN import_batch b ON b.id = p.batch_id
                WHERE p.person_id = ANY (?)""", ids, rs -> {
            builder(builders, rs).population.add(new PopulationFact(
                    MunicipalityCode.of(rs.getString(2)), date(rs, 3), date(rs, 4), date(rs, 5),
                    rs.getBoolean(6), RegistrationStatus.valueOf(rs.getString(7)),
                    Provenance.batch(FactSource.FOLKBOKFORING, rs.getLong(8), instant(rs, 9))));
        });
        query("""
                SELECT DISTINCT m.person_id, b.municipality, b.as_of, b.id, b.received_at
                FROM (SELECT DISTINCT person_id, municipality FROM population_record WHERE person_id = ANY (?)) m
                JOIN import_batch b ON b.municipality = m.municipality
                WHERE b.source = 'FOLKBOKFORING' AND b.as_of IS NOT NULL AND b.status = 'COMPLETED'
                  -- a snapshot whose row for her was rejected still listed her: it is no evidence of a move
                  AND NOT EXISTS (SELECT 1 FROM import_rejected_row r JOIN person p ON p.pnr = r.pnr
                                  WHERE r.batch_id = b.id AND p.id = m.person_id)""", ids, rs -> {
            builder(builders, rs).snapshots.add(new SnapshotFact(
                    MunicipalityCode.of(rs.getString(2)), date(rs, 3),
                    Provenance.batch(FactSource.FOLKBOKFORING, rs.getLong(4), instant(rs, 5))));
        });
        query("""
                SELECT person_id, id, school_unit_code, organiser, school_type, programme, start_date, end_date,
                       end_reason, source, batch_id, notice_id, received_at,
                       end_source, end_batch_id, end_notice_id, end_received_at
                FROM enrolment WHERE person_id = ANY (?)""", ids, rs -> {
            String endReason = rs.getString(9);
            String programme = rs.getString(6);
            builder(builders, rs).enrolments.add(new EnrolmentFact(
                    rs.getLong(2), rs.getString(3), rs.getString(4), SchoolType.valueOf(rs.getString(5)),
                    programme == null || programme.isEmpty() ? null : programme,
                    date(rs, 7), date(rs, 8),
                    endReason == null ? null : EnrolmentEndReason.valueOf(endReason),
                    provenance(rs, 10), rs.getString(14) == null ? null : provenance(rs, 14)));
        });
        query("""
                SELECT person_id, type, issued_on, batch_id, received_at
                FROM credential WHERE person_id = ANY (?)""", ids, rs -> {
            builder(builders, rs).credentials.add(new CredentialFact(
                    CredentialType.valueOf(rs.getString(2)), date(rs, 3),
                    Provenance.batch(FactSource.EXAMINA, rs.getLong(4), instant(rs, 5))));
        });
        query("""
                SELECT person_id, school_unit_code, programme, decision, start_date, batch_id, received_at
                FROM admission WHERE person_id = ANY (?)""", ids, rs -> {
            builder(builders, rs).admissions.add(new AdmissionFact(
                    rs.getString(2), rs.getString(3), AdmissionDecision.valueOf(rs.getString(4)), date(rs, 5),
                    Provenance.batch(FactSource.ANTAGNING, rs.getLong(6), instant(rs, 7))));
        });
        query("""
                SELECT person_id, municipality, valid_from, valid_to, decided_by, motivation, decided_at
                FROM placement WHERE person_id = ANY (?)""", ids, rs -> {
            builder(builders, rs).placements.add(new PlacementFact(
                    MunicipalityCode.of(rs.getString(2)), date(rs, 3), date(rs, 4), rs.getString(5), rs.getString(6),
                    new Provenance(FactSource.MANUAL, null, null, instant(rs, 7))));
        });
        List<PersonFacts> result = new ArrayList<>(builders.size());
        for (Builder b : builders.values()) {
            result.add(b.build());
        }
        return result;
    }

    /**
     * On a connection of its own, outside any transaction of the caller's: the caller writes each
     * chunk in transactions of its own while this cursor stays open.
     */
    @Override
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public long forEachPersonAffectedBy(long batchId, int chunkSize, java.util.function.Consumer<List<UUID>> chunk) {
        SnapshotPair pair = previousSnapshotToDiff(batchId);
        if (pair != null) {
            return se.kaa.platform.StreamedIds.forEachChunk(dataSource, SNAPSHOT_CHANGES, (con, ps) -> {
                int i = 0;
                ps.setLong(++i, pair.previous());
                ps.setLong(++i, batchId);
                ps.setLong(++i, pair.previous());
                ps.setLong(++i, pair.previous());
                ps.setLong(++i, batchId);
                ps.setString(++i, pair.municipality());
                ps.setObject(++i, pair.previousAsOf());
                ps.setObject(++i, pair.asOf());
                ps.setLong(++i, batchId);
                // 15 between the two dates, with a few days' margin for leap days
                ps.setObject(++i, pair.previousAsOf().minusYears(15).minusDays(3));
                ps.setObject(++i, pair.asOf().minusYears(15).plusDays(3));
                ps.setString(++i, pair.municipality());
            }, chunkSize, chunk);
        }
        String sql = """
                SELECT person_id FROM intake_batch_person WHERE batch_id = ?
                UNION
                SELECT DISTINCT r.person_id FROM import_batch b JOIN population_record r ON r.municipality = b.municipality
                WHERE b.id = ? AND b.source = 'FOLKBOKFORING'
                ORDER BY 1""";
        return se.kaa.platform.StreamedIds.forEachChunk(dataSource, sql, (con, ps) -> {
            ps.setLong(1, batchId);
            ps.setLong(2, batchId);
        }, chunkSize, chunk);
    }

    /** A snapshot and the one before it, to compare. */
    private record SnapshotPair(long previous, LocalDate previousAsOf, LocalDate asOf, String municipality) {
    }

    /**
     * The snapshot an applied folkbokföring snapshot may be compared with: the municipality's applied
     * snapshot of the date just before it, when it is itself the latest and each is its date's only
     * one. {@code null} for the first snapshot, one applied out of order or beside another of its
     * date, a withdrawn one or another kind of batch: then everyone ever registered in the
     * municipality is recomputed, as before.
     */
    private SnapshotPair previousSnapshotToDiff(long batchId) {
        List<SnapshotPair> previous = jdbc.query("""
                SELECT p.id, p.as_of, s.as_of, s.municipality FROM import_batch s
                JOIN import_batch p ON p.source = 'FOLKBOKFORING' AND p.municipality = s.municipality
                     AND p.status = 'COMPLETED' AND p.as_of < s.as_of
                WHERE s.id = ? AND s.source = 'FOLKBOKFORING' AND s.status = 'COMPLETED'
                  AND NOT EXISTS (SELECT 1 FROM import_batch l
                                  WHERE l.source = 'FOLKBOKFORING' AND l.municipality = s.municipality
                                    AND l.status = 'COMPLETED' AND l.as_of >= s.as_of AND l.id <> s.id)
                ORDER BY p.as_of DESC, p.id DESC LIMIT 1""", (rs, n) -> new SnapshotPair(rs.getLong(1),
                date(rs, 2), date(rs, 3), rs.getString(4)), batchId);
        if (previous.isEmpty()) {
            return null;
        }
        // two snapshots of P's date: neither alone says who was listed then
        Integer sameDay = jdbc.queryForObject("""
                SELECT count(*) FROM import_batch p JOIN import_batch d ON d.source = 'FOLKBOKFORING'
                     AND d.municipality = p.municipality AND d.status = 'COMPLETED' AND d.as_of = p.as_of
                WHERE p.id = ?""", Integer.class, previous.get(0).previous());
        return sameDay != null && sameDay == 1 ? previous.get(0) : null;
    }

    /**
     * Whose target-group assessment a new latest snapshot S can change, compared with the snapshot P
     * before it. Everyone else S lists is listed as P listed her – the same municipality, registration
     * date, immigration date, protection and status – with no other municipality's row dated between
     * the two: her stays, status changes and immigration, hence her episodes, are what they were
     * (PersonContext; {@code SnapshotDiffTest} compares with a full recomputation). Names and
     * addresses do not count: the engine does not read them. A superset is harmless. Each part is
     * driven by what is few (the rows of the window, the birth dates), or is one hash join of the two
     * snapshots: 3 s instead of 12 for two snapshots of a million.
     */
    private static final String SNAPSHOT_CHANGES = """
            -- new in S, or listed differently
            SELECT n.person_id FROM population_record n
            LEFT JOIN population_record o ON o.batch_id = ? AND o.person_id = n.person_id
            WHERE n.batch_id = ?
              AND (o.person_id IS NULL OR o.registered_since IS DISTINCT FROM n.registered_since
                   OR o.immigration_date IS DISTINCT FROM n.immigration_date
                   OR o.protected_identity <> n.protected_identity OR o.status <> n.status)
            UNION
            -- listed by P (in a row or a rejected row) and not by S's rows: moved out, or rejected in S
            SELECT x.person_id FROM (
                SELECT person_id FROM population_record WHERE batch_id = ?
                UNION ALL SELECT pe.id FROM import_rejected_row r JOIN person pe ON pe.pnr = r.pnr WHERE r.batch_id = ?) x
            WHERE NOT EXISTS (SELECT 1 FROM population_record n WHERE n.batch_id = ? AND n.person_id = x.person_id)
            UNION
            -- listed by S and elsewhere on a date from P's to S's: S's row may end a stay there, or follow
            -- a change of status there
            SELECT e.person_id FROM population_record e
            WHERE e.municipality <> ? AND e.as_of BETWEEN ? AND ?
              AND EXISTS (SELECT 1 FROM population_record n WHERE n.batch_id = ? AND n.person_id = e.person_id)
            UNION
            -- ever registered here and 15 since P: S is the first snapshot whose silence about her counts
            SELECT pe.id FROM person pe
            WHERE pe.birth_date > ? AND pe.birth_date <= ?
              AND EXISTS (SELECT 1 FROM population_record r WHERE r.person_id = pe.id AND r.municipality = ?)""";

    private void query(String sql, UUID[] ids, RowCallbackHandler handler) {
        jdbc.query(con -> {
            var ps = con.prepareStatement(sql);
            Array array = con.createArrayOf("uuid", ids);
            ps.setArray(1, array);
            return ps;
        }, handler);
    }

    private static Builder builder(Map<UUID, Builder> builders, ResultSet rs) throws SQLException {
        return builders.get(rs.getObject(1, UUID.class));
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** Reads (source, batch_id, notice_id, received_at) starting at {@code column}. */
    private static Provenance provenance(ResultSet rs, int column) throws SQLException {
        FactSource source = FactSource.valueOf(rs.getString(column));
        long batch = rs.getLong(column + 1);
        Long batchId = rs.wasNull() ? null : batch;
        long notice = rs.getLong(column + 2);
        Long noticeId = rs.wasNull() ? null : notice;
        return new Provenance(source, batchId, noticeId, instant(rs, column + 3));
    }

    private static final class Builder {
        final UUID id;
        final PersonalIdentityNumber pin;
        final List<PopulationFact> population = new ArrayList<>();
        final List<SnapshotFact> snapshots = new ArrayList<>();
        final List<EnrolmentFact> enrolments = new ArrayList<>();
        final List<CredentialFact> credentials = new ArrayList<>();
        final List<AdmissionFact> admissions = new ArrayList<>();
        final List<PlacementFact> placements = new ArrayList<>();

        Builder(UUID id, PersonalIdentityNumber pin) {
            this.id = id;
            this.pin = pin;
        }

        PersonFacts build() {
            return new PersonFacts(id, pin, population, snapshots, enrolments, credentials, admissions, placements);
        }
    }
}
