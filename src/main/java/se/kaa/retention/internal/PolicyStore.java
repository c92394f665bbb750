package se.kaa.retention.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import se.kaa.retention.RetentionAction;
import se.kaa.retention.RetentionClass;
import se.kaa.retention.RetentionPolicy;
import se.kaa.shared.MunicipalityCode;

/** The policies an administrator set; a class without a stored policy uses its default. */
@Repository
public class PolicyStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    PolicyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Every class's policy for the municipality, in the order of {@link RetentionClass}. */
    public List<RetentionPolicy> policiesOf(MunicipalityCode municipality) {
        Map<RetentionClass, RetentionPolicy> stored = new EnumMap<>(RetentionClass.class);
        jdbc.sql("SELECT data_class, months, action FROM retention_policy WHERE municipality = ?")
                .param(municipality.value())
                .query(rs -> {
                    RetentionClass c = RetentionClass.valueOf(rs.getString(1));
                    stored.put(c, new RetentionPolicy(municipality, c, rs.getInt(2),
                            RetentionAction.valueOf(rs.getString(3)), false));
                });
        List<RetentionPolicy> result = new ArrayList<>();
        for (RetentionClass c : RetentionClass.values()) {
            result.add(stored.getOrDefault(c, RetentionPolicy.defaultFor(municipality, c)));
        }
        return result;
    }

    public RetentionPolicy policy(MunicipalityCode municipality, RetentionClass dataClass) {
        return policiesOf(municipality).get(dataClass.ordinal());
    }

    public void save(RetentionPolicy policy, String changedBy) {
        jdbc.sql("""
                INSERT INTO retention_policy (municipality, data_class, months, action, changed_by, changed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (municipality, data_class) DO UPDATE
                SET months = excluded.months, action = excluded.action,
                    changed_by = excluded.changed_by, changed_at = excluded.changed_at""")
                .params(policy.municipality().value(), policy.dataClass().name(), policy.months(),
                        policy.action().name(), changedBy, Timestamp.from(clock.instant()))
                .update();
    }
}
