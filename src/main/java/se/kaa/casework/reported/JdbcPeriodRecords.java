package se.kaa.casework.reported;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import se.kaa.casework.PeriodRecords;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;

/** Reads {@code casework_period_records} (V028), the one definition of a period's reported facts. */
@Component
class JdbcPeriodRecords implements PeriodRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    JdbcPeriodRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<PeriodRecord> of(MunicipalityCode municipality, LocalDate first, LocalDate last) {
        return read(municipality, first, last, true);
    }

    @Override
    public List<PeriodRecord> counted(MunicipalityCode municipality, LocalDate first, LocalDate last) {
        return read(municipality, first, last, false);
    }

    @Override
    public Summary summary(MunicipalityCode municipality, LocalDate first, LocalDate last) {
        return jdbc.sql("""
                SELECT count(*) AS members, count(*) FILTER (WHERE registered >= :first) AS registered,
                       -- the board report's median (BoardFigures.median): days never below 0, between the two
                       -- middle values rounded half up; ScbReturnTest shows the overview and the report agree
                       CAST(round(CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY GREATEST(first_contact - registered, 0))
                           FILTER (WHERE registered >= :first AND first_contact <= :last) AS numeric)) AS bigint) AS median
                FROM casework_period_records(CAST(:m AS char(4)), :first, :last, false)""")
                .param("m", municipality.value()).param("first", first).param("last", last)
                .query((rs, n) -> new Summary(rs.getLong("members"), rs.getLong("registered"), (Long) rs.getObject("median", Long.class)))
                .single();
    }

    private List<PeriodRecord> read(MunicipalityCode municipality, LocalDate first, LocalDate last, boolean details) {
        return jdbc.sql("""
                SELECT * FROM casework_period_records(CAST(:m AS char(4)), :first, :last, :details) ORDER BY pnr""")
                .param("m", municipality.value()).param("first", first).param("last", last).param("details", details)
                .query((rs, n) -> new PeriodRecord(rs.getObject("person_id", java.util.UUID.class),
                        PersonalIdentityNumber.ofStored(rs.getString("pnr")), rs.getObject("birth_date", LocalDate.class),
                        (Long) rs.getObject("case_id"), rs.getObject("first_registered", LocalDate.class),
                        rs.getObject("registered", LocalDate.class), rs.getString("reason"),
                        rs.getObject("exited", LocalDate.class), rs.getString("exit_reason"),
                        rs.getBoolean("contact_during_period"), rs.getObject("latest_contact", LocalDate.class),
                        rs.getString("occupation_at_latest_contact"), rs.getObject("first_contact", LocalDate.class),
                        measures(rs.getString("measures"))))
                .list();
    }

    private static List<PeriodMeasure> measures(String json) {
        List<PeriodMeasure> measures = new ArrayList<>();
        if (json.equals("[]")) {
            return measures;
        }
        for (JsonNode m : JSON.readTree(json)) {
            measures.add(new PeriodMeasure(m.get("type").asString(), date(m.get("start")), date(m.get("end")),
                    m.get("declined").asBoolean(), m.get("occupationAfter").isNull() ? null : m.get("occupationAfter").asString()));
        }
        return measures;
    }

    private static LocalDate date(JsonNode node) {
        return node == null || node.isNull() ? null : LocalDate.parse(node.asString());
    }
}
