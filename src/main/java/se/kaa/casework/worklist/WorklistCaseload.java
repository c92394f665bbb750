package se.kaa.casework.worklist;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.kaa.casework.Caseload;
import se.kaa.shared.MunicipalityCode;

/**
 * {@link Caseload} from the worklist's own query (its category counts, overdue and loads per case
 * worker – the numbers behind the overview's links) and, for the stages, the kept case state.
 */
@Component
class WorklistCaseload implements Caseload {

    private final Worklist worklist;
    private final JdbcClient jdbc;
    private final Clock clock;

    WorklistCaseload(Worklist worklist, JdbcClient jdbc, Clock clock) {
        this.worklist = worklist;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Summary of(MunicipalityCode municipality) {
        Worklist.Page page = worklist.list(municipality, Worklist.Filter.everything(), 0, 1);
        Map<String, Long> byCategory = new LinkedHashMap<>();
        page.counts().forEach((c, n) -> byCategory.put(c.name(), n));
        Map<String, Map<Stage, Long>> stages = new LinkedHashMap<>();
        Map<Stage, Long> all = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            all.put(s, 0L);
        }
        jdbc.sql("""
                SELECT c.assignee,
                       CASE WHEN st.occupation_type IN ('STUDIES_KOMVUX', 'STUDIES_FOLKHOGSKOLA', 'STUDIES_ABROAD',
                                                        'STUDIES_OTHER', 'WORK') THEN 'STUDIES_OR_WORK'
                            WHEN EXISTS (SELECT 1 FROM casework_measure m WHERE m.case_id = c.id AND m.status = 'ACCEPTED'
                                         AND (m.ends IS NULL OR m.ends >= :today)) THEN 'IN_MEASURE'
                            WHEN st.occupation_type IS NOT NULL AND st.occupation_type <> 'UNKNOWN' THEN 'OCCUPATION_KNOWN'
                            WHEN st.first_contact IS NOT NULL THEN 'CONTACTED'
                            WHEN st.first_attempt IS NOT NULL THEN 'TRIED'
                            ELSE 'NOT_TRIED' END AS stage,
                       count(*) AS n
                FROM casework_case c LEFT JOIN casework_case_state st ON st.case_id = c.id
                WHERE c.municipality = :m AND c.status = 'OPEN'
                GROUP BY 1, 2""")
                .param("m", municipality.value()).param("today", LocalDate.now(clock))
                .query((rs, n) -> {
                    Stage stage = Stage.valueOf(rs.getString("stage"));
                    long count = rs.getLong("n");
                    stages.computeIfAbsent(rs.getString("assignee"), k -> new EnumMap<>(Stage.class)).merge(stage, count, Long::sum);
                    all.merge(stage, count, Long::sum);
                    return null;
                }).list();
        List<Worker> workers = new ArrayList<>();
        long unassigned = 0;
        for (Worklist.WorkerLoad w : page.workers()) {
            Map<Stage, Long> byStage = new EnumMap<>(Stage.class);
            for (Stage s : Stage.values()) {
                byStage.put(s, stages.getOrDefault(w.assignee(), Map.of()).getOrDefault(s, 0L));
            }
            workers.add(new Worker(w.assignee(), w.cases(), w.overdue(), byStage));
            if (w.assignee() == null) {
                unassigned = w.cases();
            }
        }
        return new Summary(page.all(), page.overdue(), unassigned, byCategory, all, workers);
    }

    @Override
    public int firstContactTargetDays(MunicipalityCode municipality) {
        return jdbc.sql("SELECT first_contact_days FROM casework_settings WHERE municipality = ?").param(municipality.value())
                .query(Integer.class).optional().orElse(se.kaa.casework.cases.CaseStates.DEFAULT_FIRST_CONTACT_DAYS);
    }
}
