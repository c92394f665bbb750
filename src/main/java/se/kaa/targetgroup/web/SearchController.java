package se.kaa.targetgroup.web;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.person.PersonDirectory;
import se.kaa.person.PersonSummary;
import se.kaa.security.CurrentAccess;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;
import se.kaa.targetgroup.PersonCaseLinks;

/**
 * The search in the header of every page ({@code /sok}): by name, personnummer or case number, for
 * persons in or outside the group and their cases open or closed – only those the reader may see
 * ({@link PersonRecord#visible}: the same rule as her page). Posted, never in a URL, since a
 * personnummer may be typed; the query is not kept, the persons found are audited.
 */
@Controller
class SearchController {

    /** At most this many persons are shown; more found: "skriv mer av namnet". */
    static final int SHOWN = 50;
    static final int MAX_LENGTH = 100;
    private static final Pattern PERSONNUMMER = Pattern.compile("\\d{6}(\\d{2})?[-+]?\\d{4}");
    private static final Pattern CASE_NUMBER = Pattern.compile("(?i)(ärende\\s*)?#?(\\d{1,12})");

    enum Kind { NAME, PERSONNUMMER, CASE_NUMBER }

    /** One person found: her summary, the municipalities she is seen in, her cases there. */
    record Hit(UUID personId, String name, String personnummer, int age, boolean protectedIdentity,
               List<MunicipalityCode> municipalities, List<PersonCaseLinks.CaseLink> cases) {
    }

    private final PersonDirectory persons;
    private final PersonRecord record;
    private final ObjectProvider<PersonCaseLinks> cases;
    private final CurrentAccess access;
    private final AuditLog audit;

    SearchController(PersonDirectory persons, PersonRecord record, ObjectProvider<PersonCaseLinks> cases,
                     CurrentAccess access, AuditLog audit) {
        this.persons = persons;
        this.record = record;
        this.cases = cases;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping("/sok")
    String form() {
        return "targetgroup/search";
    }

    @PostMapping("/sok")
    String search(@RequestParam(defaultValue = "") String q, Model model, HttpServletResponse response) {
        String query = q.strip();
        model.addAttribute("q", query);
        if (query.isEmpty() || query.length() > MAX_LENGTH) {
            response.setStatus(400);
            model.addAttribute("error", query.isEmpty() ? "search.error.empty" : "search.error.long");
            return "targetgroup/search";
        }
        Kind kind;
        List<UUID> candidates;
        if (PERSONNUMMER.matcher(query.replace(" ", "")).matches()) {
            kind = Kind.PERSONNUMMER;
            Optional<PersonalIdentityNumber> pin = parse(query.replace(" ", ""));
            if (pin.isEmpty()) {
                response.setStatus(400);
                model.addAttribute("error", "search.error.personnummer");
                return "targetgroup/search";
            }
            candidates = persons.find(pin.get()).map(List::of).orElse(List.of());
        } else if (CASE_NUMBER.matcher(query).matches()) {
            kind = Kind.CASE_NUMBER;
            var m = CASE_NUMBER.matcher(query);
            m.matches();
            long caseId = Long.parseLong(m.group(2));
            candidates = cases.stream()
                    .flatMap(c -> c.personOfCase(caseId, access.scope().municipalities()).stream()).toList();
        } else {
            kind = Kind.NAME;
            List<String> words = Arrays.stream(query.split("\\s+")).filter(w -> !w.isBlank()).limit(5).toList();
            candidates = persons.findByName(words, 4 * SHOWN);
        }
        Map<UUID, List<MunicipalityCode>> visible = record.visible(candidates);
        List<UUID> shown = visible.keySet().stream().limit(SHOWN).toList();
        Map<UUID, PersonSummary> summaries = new LinkedHashMap<>();
        persons.summaries(shown).forEach(s -> summaries.put(s.id(), s));
        LocalDate today = record.today();
        List<Hit> hits = new ArrayList<>();
        for (UUID id : shown) {
            PersonSummary s = summaries.get(id);
            List<MunicipalityCode> municipalities = visible.get(id);
            hits.add(new Hit(id, s.displayName(), s.pin().formatted(), Period.between(s.birthDate(), today).getYears(),
                    s.protectedIdentity(), municipalities,
                    cases.stream().flatMap(c -> c.of(id, municipalities).stream()).toList()));
        }
        Map<MunicipalityCode, List<UUID>> byMunicipality = new LinkedHashMap<>();
        hits.forEach(h -> byMunicipality.computeIfAbsent(h.municipalities().get(0), k -> new ArrayList<>()).add(h.personId()));
        byMunicipality.forEach((municipality, ids) -> audit.record(AuditEvent.read("PERSONS_SEARCHED", municipality, ids,
                "POST /sok by " + kind.name().toLowerCase(java.util.Locale.ROOT))));
        model.addAttribute("kind", kind);
        model.addAttribute("hits", hits);
        model.addAttribute("more", visible.size() > SHOWN || candidates.size() >= 4 * SHOWN);
        model.addAttribute("shownMax", SHOWN);
        return "targetgroup/search";
    }

    private static Optional<PersonalIdentityNumber> parse(String text) {
        try {
            return Optional.of(PersonalIdentityNumber.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
