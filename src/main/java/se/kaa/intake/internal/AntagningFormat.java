package se.kaa.intake.internal;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;

import se.kaa.intake.AdmissionDecision;
import se.kaa.intake.ImportKind;
import se.kaa.shared.PersonalIdentityNumber;

/** antagning.csv: admission decisions, upserted by person, school, programme and start date. */
@Component
class AntagningFormat extends ImportFormat {

    @Override
    ImportKind kind() {
        return ImportKind.ANTAGNING;
    }

    @Override
    List<String> columns() {
        return List.of("personnummer", "skolenhetskod", "programkod", "besked", "startdatum");
    }

    @Override
    List<String> stagingColumns() {
        return List.of("school_unit_code text", "programme text", "decision text", "start_date date");
    }

    @Override
    Staged parse(Row row, Context context) {
        PersonalIdentityNumber pin = row.pin("personnummer", context.referenceDate());
        String unit = row.digits("skolenhetskod", 8, true);
        String programme = row.code("programkod", true);
        AdmissionDecision decision = row.choice("besked", AdmissionDecision.class, true);
        LocalDate start = row.date("startdatum", true);
        if (!row.valid()) {
            return null;
        }
        return new Staged(pin, unit, programme, decision, start);
    }

    @Override
    String duplicateKey() {
        return "person_id, school_unit_code, programme, start_date";
    }

    @Override
    String duplicateMessageKey() {
        return "intake.row.duplicate.admission";
    }

    /** A changed decision (e.g. RESERV to ANTAGEN) replaces the earlier one, with this batch as provenance. */
    @Override
    String factTable() {
        return "admission";
    }

    @Override
    void apply(Context context) {
        // What the decisions about to be changed were, so that withdrawing this batch can restore them.
        context.jdbc().update("""
                INSERT INTO intake_fact_change (batch_id, admission_id, previous)
                SELECT ?, a.id, jsonb_build_object('decision', a.decision, 'batch_id', a.batch_id,
                       'received_at', a.received_at)
                FROM intake_stage s JOIN admission a
                     ON a.person_id = s.person_id AND a.school_unit_code = s.school_unit_code
                    AND a.programme = s.programme AND a.start_date = s.start_date
                WHERE a.decision IS DISTINCT FROM s.decision""", context.batchId());
        context.jdbc().update("""
                INSERT INTO admission AS a (person_id, school_unit_code, programme, decision, start_date, batch_id, received_at)
                SELECT person_id, school_unit_code, programme, decision, start_date, ?, ? FROM intake_stage
                ON CONFLICT (person_id, school_unit_code, programme, start_date) DO UPDATE SET
                    decision = EXCLUDED.decision, batch_id = EXCLUDED.batch_id, received_at = EXCLUDED.received_at
                WHERE a.decision IS DISTINCT FROM EXCLUDED.decision""",
                context.batchId(), Timestamp.from(context.receivedAt()));
    }
}
