package se.kaa.targetgroup.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.security.GrantedMunicipalities;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.RuleSetVersion;
import se.kaa.targetgroup.internal.MemberQueries;

/** Every member of a municipality's target group on a date. */
@RestController
@RequestMapping("/api/v1/target-group")
class MembersApiController {

    static final int MAX_SIZE = 100_000;

    record MemberJson(UUID personId, String personnummer, LocalDate entered, String reason, String ruleSet) {
    }

    record MembersJson(String municipality, LocalDate date, int page, int size, long total, List<MemberJson> members) {
    }

    private final MemberQueries queries;
    private final GrantedMunicipalities municipalities;
    private final Clock clock;
    private final AuditLog audit;

    MembersApiController(MemberQueries queries, GrantedMunicipalities municipalities, Clock clock, AuditLog audit) {
        this.queries = queries;
        this.municipalities = municipalities;
        this.clock = clock;
        this.audit = audit;
    }

    @GetMapping("/members")
    MembersJson members(@RequestParam(required = false) String municipality,
                        @RequestParam(required = false) String date,
                        @RequestParam(required = false) String page,
                        @RequestParam(required = false) String size) {
        Requests requests = new Requests();
        MunicipalityCode m = requests.municipality(municipality, municipalities);
        LocalDate d = requests.date("date", date, LocalDate.now(clock));
        int p = requests.integer("page", page, 0, 0, Integer.MAX_VALUE / MAX_SIZE);
        int s = requests.integer("size", size, MAX_SIZE, 1, MAX_SIZE);
        requests.check();
        String ruleSet = RuleSetVersion.on(d).map(RuleSetVersion::code).orElse(null);
        MemberQueries.Page result = queries.members(m, d, MemberQueries.Filter.none(), p, s);
        audit.record(AuditEvent.read("MEMBERS_LISTED", m, result.members().stream().map(MemberQueries.Member::personId)
                .toList(), "GET /api/v1/target-group/members date=" + d + " page=" + p + " size=" + s));
        List<MemberJson> members = result.members().stream()
                .map(x -> new MemberJson(x.personId(), x.pin().value(), x.entered(), x.reason().name(), ruleSet))
                .toList();
        return new MembersJson(m.value(), d, p, s, result.total(), members);
    }
}
