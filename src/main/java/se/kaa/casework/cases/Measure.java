package se.kaa.casework.cases;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A measure (insats) of the plan: offered on a day, then accepted or declined, started and ended. */
@Table("casework_measure")
public record Measure(@Id Long id, long caseId, long measureTypeId, Responsible responsible, String responsibleActor,
                      Status status, LocalDate offeredOn, LocalDate decidedOn, LocalDate starts, LocalDate ends,
                      String endReason, LocalDate followUp, String note, String recordedBy, Instant recordedAt) {

    public enum Responsible { YOUNG_PERSON, MUNICIPALITY, OTHER }

    public enum Status { OFFERED, ACCEPTED, DECLINED, ENDED }

    Measure with(CaseCommands.MeasureTerms t) {
        return new Measure(id, caseId, measureTypeId, t.responsible(), t.responsibleActor(), t.status(), offeredOn,
                t.decidedOn(), t.starts(), t.ends(), t.endReason(), t.followUp(), t.note(), recordedBy, recordedAt);
    }
}
