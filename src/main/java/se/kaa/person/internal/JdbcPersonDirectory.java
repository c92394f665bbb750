package se.kaa.person.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.person.PersonDirectory;
import se.kaa.person.PersonSummary;
import se.kaa.person.RegisteredDetails;
import se.kaa.shared.PersonalIdentityNumber;

@Repository
class JdbcPersonDirectory implements PersonDirectory {

    private static final String SUMMARY_COLUMNS = """
            id, pnr, given_name, family_name, address, postal_code, city, protected_identity, details_as_of""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock;

    JdbcPersonDirectory(JdbcClient jdbc, JdbcTemplate template, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Map<PersonalIdentityNumber, UUID> resolveOrCreate(Collection<PersonalIdentityNumber> numbers) {
        if (numbers.isEmpty()) {
            return Map.of();
        }
        String[] pnrs = numbers.stream().map(PersonalIdentityNumber::value).distinct().toArray(String[]::new);
        java.sql.Date[] births = numbers.stream().distinct()
                .map(n -> java.sql.Date.valueOf(n.birthDate())).toArray(java.sql.Date[]::new);
        template.update(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO person (pnr, birth_date)
                    SELECT * FROM unnest(?::char(12)[], ?::date[])
                    ON CONFLICT (pnr) DO NOTHING""");
            ps.setArray(1, con.createArrayOf("bpchar", pnrs));
            ps.setArray(2, con.createArrayOf("date", births));
            return ps;
        });
        Map<PersonalIdentityNumber, UUID> ids = new HashMap<>(pnrs.length * 2);
        template.query(con -> {
            var ps = con.prepareStatement("SELECT pnr, id FROM person WHERE pnr = ANY (?::char(12)[])");
            ps.setArray(1, con.createArrayOf("bpchar", pnrs));
            return ps;
        }, rs -> {
            ids.put(PersonalIdentityNumber.ofStored(rs.getString(1)), rs.getObject(2, UUID.class));
        });
        return ids;
    }

    @Override
    public Optional<UUID> find(PersonalIdentityNumber number) {
        return jdbc.sql("SELECT id FROM person WHERE pnr = ?").param(number.value()).query(UUID.class).optional();
    }

    @Override
    public Optional<PersonSummary> summary(UUID personId) {
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM person WHERE id = ?")
                .param(personId).query(JdbcPersonDirectory::summaryOf).optional();
    }

    @Override
    public List<PersonSummary> summaries(Collection<UUID> personIds) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        List<PersonSummary> result = new ArrayList<>(personIds.size());
        UUID[] ids = personIds.toArray(UUID[]::new);
        template.query(con -> {
            var ps = con.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM person WHERE id = ANY (?)");
            ps.setArray(1, con.createArrayOf("uuid", ids));
            return ps;
        }, rs -> {
            result.add(summaryOf(rs, 0));
        });
        return result;
    }

    @Override
    @Transactional
    public void updateRegisteredDetails(Collection<RegisteredDetails> details) {
        if (details.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        template.batchUpdate("""
                UPDATE person SET given_name = ?, family_name = ?, address = ?, postal_code = ?, city = ?,
                       protected_identity = ?, details_as_of = ?, updated_at = ?
                WHERE id = ? AND (details_as_of IS NULL OR details_as_of <= ?)""",
                details, 1000, (ps, d) -> {
                    ps.setString(1, d.givenName());
                    ps.setString(2, d.familyName());
                    ps.setString(3, d.address());
                    ps.setString(4, d.postalCode());
                    ps.setString(5, d.city());
                    ps.setBoolean(6, d.protectedIdentity());
                    ps.setObject(7, d.asOf());
                    ps.setTimestamp(8, now);
                    ps.setObject(9, d.personId());
                    ps.setObject(10, d.asOf());
                });
    }

    private static PersonSummary summaryOf(ResultSet rs, int row) throws SQLException {
        return new PersonSummary(
                rs.getObject("id", UUID.class),
                PersonalIdentityNumber.ofStored(rs.getString("pnr")),
                rs.getString("given_name"), rs.getString("family_name"),
                rs.getString("address"), rs.getString("postal_code"), rs.getString("city"),
                rs.getBoolean("protected_identity"),
                rs.getObject("details_as_of", java.time.LocalDate.class));
    }
}
