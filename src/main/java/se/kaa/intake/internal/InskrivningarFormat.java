package se.kaa.intake.internal;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;

import se.kaa.intake.EnrolmentEndReason;
import se.kaa.intake.ImportKind;
import se.kaa.intake.SchoolType;
import se.kaa.shared.PersonalIdentityNumber;

/** inskrivningar.csv: enrolments from student registers, upserted by person, school, form, programme and start. */
@Component
class InskrivningarFormat extends ImportFormat {

    @Override
    ImportKind kind() {
        return ImportKind.INSKRIVNINGAR;
    }

    @Override
    List<String> columns() {
        return List.of("personnummer", "skolenhetskod", "huvudman", "skolform", "programkod", "startdatum",
                "slutdatum", "slutorsak");
    }

    @Override
    List<String> stagingColumns() {
        return List.of("school_unit_code text", "organiser text", "school_type text", "programme text",
                "start_date date", "end_date date", "end_reason text");
    }

    @Override
    Staged parse(Row row, Context context) {
        PersonalIdentityNumber pin = row.pin("personnummer", context.referenceDate());
        String unit = row.digits("skolenhetskod", 8, true);
        String organiser = row.text("huvudman");
        SchoolType schoolType = row.choice("skolform", SchoolType.class, true);
        String programme = row.code("programkod", false);
        LocalDate start = row.date("startdatum", true);
        LocalDate end = row.date("slutdatum", false);
        EnrolmentEndReason reason = row.choice("slutorsak", EnrolmentEndReason.class, false);
        if (start != null && end != null && end.isBefore(start)) {
            row.problem("slutdatum", "intake.row.end-before-start");
        }
        if (reason != null && end == null && row.text("slutdatum") == null) {
            row.problem("slutorsak", "intake.row.reason-without-end");
        }
        if (!row.valid()) {
            return null;
        }
        return new Staged(pin, unit, organiser, schoolType, programme == null ? "" : programme, start, end, reason);
    }

    @Override
    String duplicateKey() {
        return "person_id, school_unit_code, school_type, programme, start_date";
    }

    @Override
    String duplicateMessageKey() {
        return "intake.row.duplicate.enrolment";
    }

    /**
     * New enrolments are inserted; for a known one a changed end (date or reason) is taken over and
     * this batch recorded as the end's provenance. A file that still shows an enrolment as open does
     * not reopen one that a school's STOP notice ended: registers lag behind the schools' notices.
     */
    @Override
    String factTable() {
        return "enrolment";
    }

    @Override
    void apply(Context context) {
        Timestamp received = Timestamp.from(context.receivedAt());
        // What the ends about to be changed were, so that withdrawing this batch can restore them.
        context.jdbc().update("""
                INSERT INTO intake_fact_change (batch_id, enrolment_id, previous)
                SELECT ?, e.id, jsonb_build_object('end_date', e.end_date, 'end_reason', e.end_reason,
                       'end_source', e.end_source, 'end_batch_id', e.end_batch_id, 'end_notice_id', e.end_notice_id,
                       'end_received_at', e.end_received_at)
                FROM intake_stage s JOIN enrolment e
                     ON e.person_id = s.person_id AND e.school_unit_code = s.school_unit_code
                    AND e.school_type = s.school_type AND e.programme = s.programme AND e.start_date = s.start_date
                WHERE (e.end_date IS DISTINCT FROM s.end_date OR e.end_reason IS DISTINCT FROM s.end_reason)
                  AND NOT (s.end_date IS NULL AND e.end_source = 'NOTICE')""", context.batchId());
        context.jdbc().update("""
                INSERT INTO enrolment AS e (person_id, school_unit_code, organiser, school_type, programme, start_date,
                       end_date, end_reason, source, batch_id, received_at)
                SELECT person_id, school_unit_code, organiser, school_type, programme, start_date, end_date, end_reason,
                       'INSKRIVNINGAR', ?, ?
                FROM intake_stage
                ON CONFLICT (person_id, school_unit_code, school_type, programme, start_date) DO UPDATE SET
                    organiser = COALESCE(EXCLUDED.organiser, e.organiser),
                    end_date = EXCLUDED.end_date,
                    end_reason = EXCLUDED.end_reason,
                    end_source = CASE WHEN EXCLUDED.end_date IS NULL THEN NULL ELSE 'INSKRIVNINGAR' END,
                    end_batch_id = CASE WHEN EXCLUDED.end_date IS NULL THEN NULL ELSE EXCLUDED.batch_id END,
                    end_notice_id = NULL,
                    end_received_at = CASE WHEN EXCLUDED.end_date IS NULL THEN NULL ELSE EXCLUDED.received_at END
                WHERE (e.end_date IS DISTINCT FROM EXCLUDED.end_date OR e.end_reason IS DISTINCT FROM EXCLUDED.end_reason)
                  AND NOT (EXCLUDED.end_date IS NULL AND e.end_source = 'NOTICE')""",
                context.batchId(), received);
    }
}
