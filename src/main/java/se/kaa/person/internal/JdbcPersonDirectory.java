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
        return resolveOrCreate(numbers, n -> null);
    }

    @Override
    @Transactional
    public Map<PersonalIdentityNumber, UUID> resolveOrCreate(Collection<PersonalIdentityNumber> numbers,
            java.util.function.Function<PersonalIdentityNumber, RegisteredDetails> newDetails) {
        if (numbers.isEmpty()) {
            return Map.of();
        }
        String[] pnrs = numbers.stream().map(PersonalIdentityNumber::value).distinct().toArray(String[]::new);
        // Those known are read first, and only the others inserted: a later snapshot lists almost only
        // persons already known, and an insert that finds each of them there costs as much as the read.
        Map<PersonalIdentityNumber, UUID> ids = new HashMap<>(pnrs.length * 2);
        readIds(pnrs, ids);
        if (ids.size() == pnrs.length) {
            return ids;
        }
        List<String> newPnrs = new ArrayList<>();
        List<java.sql.Date> newBirths = new ArrayList<>();
        List<RegisteredDetails> details = new ArrayList<>();
        for (PersonalIdentityNumber n : new java.util.LinkedHashSet<>(numbers)) {
            if (!ids.containsKey(n)) {
                newPnrs.add(n.value());
                newBirths.add(java.sql.Date.valueOf(n.birthDate()));
                details.add(newDetails.apply(n));
            }
        }
        // ON CONFLICT: another transaction may have created her since the read; RETURNING gives the new
        // ids, the read after it those created concurrently
        template.query(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO person (pnr, birth_date, given_name, family_name, address, postal_code, city,
                           protected_identity, details_as_of)
                    SELECT pnr, birth_date, given_name, family_name, address, postal_code, city,
                           coalesce(protected_identity, false), as_of
                    FROM unnest(?::char(12)[], ?::date[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::boolean[], ?::date[])
                         AS d(pnr, birth_date, given_name, family_name, address, postal_code, city, protected_identity, as_of)
                    ON CONFLICT (pnr) DO NOTHING RETURNING pnr, id""");
            ps.setArray(1, con.createArrayOf("bpchar", newPnrs.toArray()));
            ps.setArray(2, con.createArrayOf("date", newBirths.toArray()));
            ps.setArray(3, con.createArrayOf("text", details.stream().map(d -> d == null ? null : d.givenName()).toArray()));
            ps.setArray(4, con.createArrayOf("text", details.stream().map(d -> d == null ? null : d.familyName()).toArray()));
            ps.setArray(5, con.createArrayOf("text", details.stream().map(d -> d == null ? null : d.address()).toArray()));
            ps.setArray(6, con.createArrayOf("text", details.stream().map(d -> d == null ? null : d.postalCode()).toArray()));
            ps.setArray(7, con.createArrayOf("text", details.stream().map(d -> d == null ? null : d.city()).toArray()));
            ps.setArray(8, con.createArrayOf("boolean", details.stream()
                    .map(d -> d == null ? null : d.protectedIdentity()).toArray()));
            ps.setArray(9, con.createArrayOf("date", details.stream()
                    .map(d -> d == null ? null : java.sql.Date.valueOf(d.asOf())).toArray()));
            return ps;
        }, rs -> {
            ids.put(PersonalIdentityNumber.ofStored(rs.getString(1)), rs.getObject(2, UUID.class));
        });
        if (ids.size() < pnrs.length) {
            readIds(newPnrs.stream().filter(p -> !ids.containsKey(PersonalIdentityNumber.ofStored(p)))
                    .toArray(String[]::new), ids);
        }
        return ids;
    }

    /** Puts the id of each of the numbers that is known into {@code ids}. */
    private void readIds(String[] pnrs, Map<PersonalIdentityNumber, UUID> ids) {
        template.query(con -> {
            var ps = con.prepareStatement("SELECT pnr, id FROM person WHERE pnr = ANY (?::char(12)[])");
            ps.setArray(1, con.createArrayOf("bpchar", pnrs));
            return ps;
        }, rs -> {
            ids.put(PersonalIdentityNumber.ofStored(rs.getString(1)), rs.getObject(2, UUID.class));
        });
    }

    @Override
    public Optional<UUID> find(PersonalIdentityNumber number) {
        return jdbc.sql("SELECT id FROM person WHERE pnr = ?").param(number.value()).query(UUID.class).optional();
    }

    @Override
    public List<UUID> findByName(List<String> words, int limit) {
        if (words.isEmpty()) {
            return List.of();
        }
        // every word a part of her given or family name, whatever the case; LIKE's wildcards typed are literal
        String[] patterns = words.stream()
                .map(w -> "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .toArray(String[]::new);
        List<UUID> ids = new ArrayList<>();
        template.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT id FROM person
                    WHERE coalesce(given_name, '') || ' ' || coalesce(family_name, '') ILIKE ALL (?)
                    ORDER BY family_name, given_name, id LIMIT ?""");
            ps.setArray(1, con.createArrayOf("text", patterns));
            ps.setInt(2, limit);
            return ps;
        }, rs -> {
            ids.add(rs.getObject(1, UUID.class));
        });
        return ids;
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
    public int updateRegisteredDetailsFrom(String detailsQuery, java.time.LocalDate asOf) {
        java.sql.Date date = java.sql.Date.valueOf(asOf);
        return template.update("""
                UPDATE person p SET given_name = d.given_name, family_name = d.family_name, address = d.address,
                       postal_code = d.postal_code, city = d.city, protected_identity = d.protected_identity,
                       details_as_of = ?, updated_at = ?
                FROM (%s) d
                WHERE p.id = d.person_id AND (p.details_as_of IS NULL OR p.details_as_of <= ?)
                  -- only what differs: a snapshot lists most persons as before (PersonFacts.detailsConfirmedOn)
                  AND (p.given_name, p.family_name, p.address, p.postal_code, p.city, p.protected_identity)
                      IS DISTINCT FROM (d.given_name, d.family_name, d.address, d.postal_code, d.city,
                                        d.protected_identity)""".formatted(detailsQuery),
                date, Timestamp.from(clock.instant()), date);
    }

    @Override
    @Transactional
    public void correctRegisteredDetails(Collection<RegisteredDetails> details) {
        write(details);
    }

    private void write(Collection<RegisteredDetails> details) {
        if (details.isEmpty()) {
            return;
        }
        // One statement for the whole page of details: a snapshot of 100,000 rows must not mean
        // 100,000 round trips.
        int n = details.size();
        UUID[] ids = new UUID[n];
        java.sql.Date[] asOf = new java.sql.Date[n];
        String[] given = new String[n];
        String[] family = new String[n];
        String[] address = new String[n];
        String[] postal = new String[n];
        String[] city = new String[n];
        Boolean[] protectedIdentity = new Boolean[n];
        int i = 0;
        for (RegisteredDetails d : details) {
            ids[i] = d.personId();
            asOf[i] = java.sql.Date.valueOf(d.asOf());
            given[i] = d.givenName();
            family[i] = d.familyName();
            address[i] = d.address();
            postal[i] = d.postalCode();
            city[i] = d.city();
            protectedIdentity[i] = d.protectedIdentity();
            i++;
        }
        Timestamp now = Timestamp.from(clock.instant());
        template.update(con -> {
            var ps = con.prepareStatement("""
                    UPDATE person p SET given_name = d.given_name, family_name = d.family_name, address = d.address,
                           postal_code = d.postal_code, city = d.city, protected_identity = d.protected_identity,
                           details_as_of = d.as_of, updated_at = ?
                    FROM unnest(?::uuid[], ?::date[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[])
                         AS d(id, as_of, given_name, family_name, address, postal_code, city, protected_identity)
                    WHERE p.id = d.id""");
            ps.setTimestamp(1, now);
            ps.setArray(2, con.createArrayOf("uuid", ids));
            ps.setArray(3, con.createArrayOf("date", asOf));
            ps.setArray(4, con.createArrayOf("text", given));
            ps.setArray(5, con.createArrayOf("text", family));
            ps.setArray(6, con.createArrayOf("text", address));
            ps.setArray(7, con.createArrayOf("text", postal));
            ps.setArray(8, con.createArrayOf("text", city));
            ps.setArray(9, con.createArrayOf("boolean", protectedIdentity));
            return ps;
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
