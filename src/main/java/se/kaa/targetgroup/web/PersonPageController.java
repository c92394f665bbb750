package se.kaa.targetgroup.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.shared.PersonId;

/** A person's page: episodes, the explanation for a chosen date, and every fact with its source. */
@Controller
class PersonPageController {

    private final PersonRecord record;
    private final AuditLog audit;
    private final org.springframework.beans.factory.ObjectProvider<se.kaa.targetgroup.PersonCaseLinks> cases;

    PersonPageController(PersonRecord record, AuditLog audit,
                         org.springframework.beans.factory.ObjectProvider<se.kaa.targetgroup.PersonCaseLinks> cases) {
        this.record = record;
        this.audit = audit;
        this.cases = cases;
    }

    @GetMapping("/personer/{personId}")
    String person(@PathVariable PersonId personId, @RequestParam(required = false) String date,
                  @RequestParam(required = false) String municipality, Model model) {
        UUID id = personId.value();
        PersonRecord.Loaded person = record.load(id);
        audit.record(AuditEvent.read("PERSON_VIEWED", person.municipalities().get(0), List.of(id),
                person.auditContext("GET /personer/" + id)));
        LocalDate d = record.today();
        if (date != null && !date.isBlank()) {
            try {
                d = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                model.addAttribute("dateError", true);
            }
        }
        ExplanationView explanation = record.explain(person, d, municipality);
        model.addAttribute("person", person.summary());
        model.addAttribute("addressShown", person.addressShown());
        model.addAttribute("episodes", person.episodes());
        model.addAttribute("municipalities", person.municipalities());
        model.addAttribute("cases", cases.stream().flatMap(c -> c.of(id, person.municipalities()).stream()).toList());
        model.addAttribute("explanation", explanation);
        model.addAttribute("date", d);
        var facts = person.facts();
        model.addAttribute("population", facts.population().stream()
                .sorted(Comparator.comparing(se.kaa.intake.PopulationFact::asOf).reversed()).toList());
        model.addAttribute("enrolments", facts.enrolments().stream()
                .sorted(Comparator.comparing(se.kaa.intake.EnrolmentFact::start).reversed()).toList());
        model.addAttribute("credentials", facts.credentials());
        model.addAttribute("admissions", facts.admissions());
        model.addAttribute("placements", facts.placements());
        model.addAttribute("notices", person.notices());
        model.addAttribute("sources", new SourceTexts(record.messages()));
        return "targetgroup/person";
    }

    /** Renders a fact's provenance in Swedish from templates. */
    static final class SourceTexts {
        private final org.springframework.context.MessageSource messages;

        SourceTexts(org.springframework.context.MessageSource messages) {
            this.messages = messages;
        }

        public String of(se.kaa.intake.Provenance provenance) {
            return provenance == null ? "" : ExplanationView.source(provenance, messages).text();
        }
    }
}
