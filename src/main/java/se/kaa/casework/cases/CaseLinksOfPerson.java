package se.kaa.casework.cases;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.PersonCaseLinks;

/** The person page's links to her cases (one per municipality, open or closed), and the search's case numbers. */
@Component
class CaseLinksOfPerson implements PersonCaseLinks {

    private final JdbcClient jdbc;

    CaseLinksOfPerson(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<CaseLink> of(UUID personId, Collection<MunicipalityCode> municipalities) {
        if (municipalities.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT id, municipality, status = 'OPEN', entered, closed_on FROM casework_case
                WHERE person_id = :person AND municipality IN (:municipalities)
                ORDER BY status = 'OPEN' DESC, entered DESC, id""")
                .param("person", personId)
                .param("municipalities", municipalities.stream().map(MunicipalityCode::value).toList())
                .query((rs, n) -> new CaseLink(rs.getLong(1), MunicipalityCode.of(rs.getString(2)), rs.getBoolean(3),
                        rs.getObject(4, java.time.LocalDate.class), rs.getObject(5, java.time.LocalDate.class)))
                .list();
    }

    @Override
    public Optional<UUID> personOfCase(long caseId, Collection<MunicipalityCode> municipalities) {
        if (municipalities.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT person_id FROM casework_case WHERE id = :id AND municipality IN (:municipalities)")
                .param("id", caseId)
                .param("municipalities", municipalities.stream().map(MunicipalityCode::value).toList())
                .query(UUID.class).optional();
    }
}
