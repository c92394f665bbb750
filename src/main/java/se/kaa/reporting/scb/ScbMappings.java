package se.kaa.reporting.scb;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.platform.ProblemException;
import se.kaa.reporting.scb.ScbSpecs.StoredSpec;
import se.kaa.reporting.spec.CodeList;
import se.kaa.shared.MunicipalityCode;

/**
 * A municipality's mapping of our values to a spec's codes, code list by code list. The first time a
 * municipality uses a spec, the mapping the spec suggests is stored as hers (recorded as made by
 * "system"); an administrator changes it code by code. A value with no code is unmapped – a validation
 * error in the return, never a silent default.
 */
@Component
public class ScbMappings {

    private final JdbcClient jdbc;
    private final Clock clock;

    ScbMappings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Code list -> (our value -> code). */
    @Transactional
    public Map<String, Map<String, String>> of(MunicipalityCode m, StoredSpec spec) {
        seed(m, spec);
        Map<String, Map<String, String>> mapping = new LinkedHashMap<>();
        jdbc.sql("SELECT code_list, our_value, code FROM reporting_code_mapping WHERE municipality = ? AND spec = ? ORDER BY code_list, our_value")
                .params(m.value(), spec.id())
                .query((rs, n) -> mapping.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3)))
                .list();
        return mapping;
    }

    /** Sets (or, with a blank code, removes) the code of one of our values; the code must be in the list. */
    @Transactional
    public void set(MunicipalityCode m, StoredSpec spec, String codeList, String ourValue, String code, String by) {
        seed(m, spec);
        CodeList list = spec.spec().codeLists().get(codeList);
        if (list == null) {
            throw ProblemException.notFound("Code list");
        }
        if (code == null || code.isBlank()) {
            jdbc.sql("DELETE FROM reporting_code_mapping WHERE municipality = ? AND spec = ? AND code_list = ? AND our_value = ?")
                    .params(m.value(), spec.id(), codeList, ourValue).update();
            return;
        }
        if (list.codes().stream().noneMatch(c -> c.code().equals(code.strip()))) {
            throw ProblemException.invalidFields(java.util.List.of(
                    new ProblemException.FieldProblem("code", "reporting.mapping.unknownCode", codeList)));
        }
        jdbc.sql("""
                INSERT INTO reporting_code_mapping (municipality, spec, code_list, our_value, code, changed_by, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (municipality, spec, code_list, our_value)
                DO UPDATE SET code = EXCLUDED.code, changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at""")
                .params(m.value(), spec.id(), codeList, ourValue, code.strip(), by, Timestamp.from(clock.instant())).update();
    }

    /** Stores the spec's suggested mapping as hers the first time she uses the spec. */
    private void seed(MunicipalityCode m, StoredSpec spec) {
        if (jdbc.sql("SELECT count(*) FROM reporting_code_mapping WHERE municipality = ? AND spec = ?")
                .params(m.value(), spec.id()).query(Long.class).single() > 0) {
            return;
        }
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('reporting-mapping-' || ? || '-' || ?))")
                .params(m.value(), spec.id()).query().listOfRows();
        Timestamp now = Timestamp.from(clock.instant());
        spec.spec().suggestedMappings().forEach((list, values) -> values.forEach((our, code) -> jdbc.sql("""
                INSERT INTO reporting_code_mapping (municipality, spec, code_list, our_value, code, changed_by, changed_at)
                VALUES (?, ?, ?, ?, ?, 'system', ?) ON CONFLICT DO NOTHING""")
                .params(m.value(), spec.id(), list, our, code, now).update()));
    }
}
