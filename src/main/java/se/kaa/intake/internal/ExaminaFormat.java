package se.kaa.intake.internal;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;

import se.kaa.intake.CredentialType;
import se.kaa.intake.ImportKind;
import se.kaa.shared.PersonalIdentityNumber;

/** examina.csv: diplomas and certificates; a credential already held is not added again. */
@Component
class ExaminaFormat extends ImportFormat {

    @Override
    ImportKind kind() {
        return ImportKind.EXAMINA;
    }

    @Override
    List<String> columns() {
        return List.of("personnummer", "typ", "datum");
    }

    @Override
    List<String> stagingColumns() {
        return List.of("type text", "issued_on date");
    }

    @Override
    Staged parse(Row row, Context context) {
        PersonalIdentityNumber pin = row.pin("personnummer", context.referenceDate());
        CredentialType type = row.choice("typ", CredentialType.class, true);
        LocalDate date = row.date("datum", true);
        if (date != null && date.isAfter(context.referenceDate())) {
            row.problem("datum", "intake.row.after-reference", context.referenceDate());
        }
        if (!row.valid()) {
            return null;
        }
        return new Staged(pin, type, date);
    }

    @Override
    String duplicateKey() {
        return "person_id, type, issued_on";
    }

    @Override
    String duplicateMessageKey() {
        return "intake.row.duplicate.credential";
    }

    @Override
    String factTable() {
        return "credential";
    }

    @Override
    void apply(Context context) {
        context.jdbc().update("""
                INSERT INTO credential (person_id, type, issued_on, batch_id, received_at)
                SELECT person_id, type, issued_on, ?, ? FROM intake_stage
                ON CONFLICT (person_id, type, issued_on) DO NOTHING""",
                context.batchId(), Timestamp.from(context.receivedAt()));
    }
}
