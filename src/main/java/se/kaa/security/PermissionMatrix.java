package se.kaa.security;

import static se.kaa.security.Role.ADMINISTRATOR;
import static se.kaa.security.Role.ENHETSCHEF;
import static se.kaa.security.Role.GRANSKARE;
import static se.kaa.security.Role.HANDLAGGARE;
import static se.kaa.security.Role.SKOLRAPPORTOR;
import static se.kaa.security.Role.SYSTEM;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The permission matrix (role × endpoint) the security configuration is built from, and that
 * {@code PermissionMatrixTest} checks every request mapping of the application against. The first
 * entry whose method and pattern match a request decides; a request mapping no entry matches is
 * refused to everyone (and fails the build). docs/security.md shows the same table.
 *
 * <p>Adding an endpoint: add an entry here, in the same change, naming the roles that may call it
 * (least privilege), and add it to the table in docs/security.md.
 */
public final class PermissionMatrix {

    /** Who may call: anyone, anyone signed in, or the listed roles. */
    public enum Access { PUBLIC, AUTHENTICATED, ROLES }

    /**
     * @param method  {@code null} for every method
     * @param pattern a Spring path pattern, e.g. {@code /api/v1/imports/{id}} or {@code /granskning/**}
     */
    public record Entry(HttpMethod method, String pattern, Access access, Set<Role> roles) {

        public Entry {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }

        public boolean allows(Role role) {
            return access != Access.ROLES || roles.contains(role);
        }

        public boolean matches(HttpMethod requestMethod, String path) {
            return (method == null || method.equals(requestMethod))
                    && parsed(pattern).matches(PathContainer.parsePath(path));
        }
    }

    private static final Set<Role> READERS = EnumSet.of(HANDLAGGARE, ENHETSCHEF, ADMINISTRATOR);
    private static final Set<Role> IMPORTERS = EnumSet.of(ENHETSCHEF, ADMINISTRATOR, SYSTEM);
    private static final Set<Role> REPORTERS = EnumSet.of(SKOLRAPPORTOR, ADMINISTRATOR, SYSTEM);
    /** who works cases: the handläggare, and the enhetschef who assigns and follows up */
    private static final Set<Role> CASEWORKERS = EnumSet.of(HANDLAGGARE, ENHETSCHEF);
    private static final Set<Role> UNIT_RULES = EnumSet.of(ENHETSCHEF, ADMINISTRATOR);
    /** who makes the unit's reports: the enhetschef, and the administrator who runs the installation */
    private static final Set<Role> UNIT_REPORTS = EnumSet.of(ENHETSCHEF, ADMINISTRATOR);

    public static final List<Entry> ENTRIES = List.of(
            // sign-in, errors and static files
            anyMethod("/login", Access.PUBLIC),
            anyMethod("/error", Access.PUBLIC),
            anyMethod("/css/**", Access.PUBLIC),
            anyMethod("/js/**", Access.PUBLIC),
            anyMethod("/webjars/**", Access.PUBLIC),
            anyMethod("/favicon.ico", Access.PUBLIC),
            // monitoring: UP or DOWN only, no details (docs/operations.md)
            get("/actuator/health", Access.PUBLIC),
            // home: sends each role to its start page
            get("/", Access.AUTHENTICATED),
            // the API description holds no personal data
            get("/v3/api-docs", Access.AUTHENTICATED),
            get("/v3/api-docs/**", Access.AUTHENTICATED),
            get("/v3/api-docs.yaml", Access.AUTHENTICATED),

            // the target group and persons
            get("/malgrupp", READERS),
            get("/personer/{personId}", READERS),
            // the search in the header: posted, since a personnummer may be typed
            get("/sok", READERS),
            post("/sok", READERS),
            get("/api/v1/target-group/members", EnumSet.of(HANDLAGGARE, ENHETSCHEF, ADMINISTRATOR, SYSTEM)),
            get("/api/v1/persons/{personId}", READERS),
            get("/api/v1/persons/{personId}/explanation", READERS),
            // the register extract (registerutdrag): everything held about her
            get("/api/v1/persons/{personId}/extract", READERS),
            get("/personer/{personId}/registerutdrag.pdf", READERS),

            // reporting (docs/reporting.md): the SCB half-year return is the unit's (the enhetschef's, who
            // alone may export one with errors, with a reason) and the administrator's; a new spec of the
            // return is uploaded by the administrator
            get("/api/v1/reports/scb/specs", UNIT_REPORTS),
            post("/api/v1/reports/scb/specs", EnumSet.of(ADMINISTRATOR)),
            anyMethod("/api/v1/reports/scb/**", UNIT_REPORTS),
            anyMethod("/admin/rapporter/scb", EnumSet.of(ADMINISTRATOR)),
            anyMethod("/admin/rapporter/scb/**", EnumSet.of(ADMINISTRATOR)),
            // Skolverket's national figures beside the board report's: installation-wide, the administrator's
            anyMethod("/admin/rapporter/riket", EnumSet.of(ADMINISTRATOR)),
            get("/api/v1/reports/board/{municipality}/{period}", UNIT_REPORTS),
            get("/api/v1/reports/board/{municipality}/{period}.pdf", UNIT_REPORTS),
            get("/rapporter/namnd", UNIT_REPORTS),
            get("/rapporter/namnd.pdf", UNIT_REPORTS),
            anyMethod("/rapporter/namnd/**", UNIT_REPORTS),
            get("/rapporter/namnd.csv", UNIT_REPORTS),
            get("/rapporter/namnd.xlsx", UNIT_REPORTS),
            anyMethod("/rapporter/scb", UNIT_REPORTS),
            anyMethod("/rapporter/scb/**", UNIT_REPORTS),
            // the manager's overview: numbers of the unit's cases, each a link to the worklist
            get("/oversikt", EnumSet.of(ENHETSCHEF)),
            get("/oversikt.csv", EnumSet.of(ENHETSCHEF)),
            get("/oversikt.xlsx", EnumSet.of(ENHETSCHEF)),
            // the list behind a number, as a file with personnummer: not suppressed, so the manager's only
            get("/arenden.csv", EnumSet.of(ENHETSCHEF)),
            get("/arenden.xlsx", EnumSet.of(ENHETSCHEF)),

            // casework (docs/casework.md): worklist, cases, letters and messages
            get("/arenden", CASEWORKERS),
            anyMethod("/arenden/**", CASEWORKERS),
            get("/api/v1/cases", CASEWORKERS),
            anyMethod("/api/v1/cases/**", CASEWORKERS),
            post("/api/v1/letters", CASEWORKERS),
            // the municipality's casework settings: deadlines, occupation expiry, assignment rules and
            // the measure catalogue are the unit's own (the enhetschef's, for her municipalities);
            // letter templates the administrator's
            anyMethod("/admin/arenden/installningar", UNIT_RULES),
            anyMethod("/admin/arenden/fordelning", UNIT_RULES),
            anyMethod("/admin/arenden/fordelning/**", UNIT_RULES),
            anyMethod("/admin/arenden/atgarder", UNIT_RULES),
            anyMethod("/admin/arenden/atgarder/**", UNIT_RULES),
            anyMethod("/admin/arenden", EnumSet.of(ADMINISTRATOR)),
            anyMethod("/admin/arenden/**", EnumSet.of(ADMINISTRATOR)),

            // imports
            get("/importer", EnumSet.of(ENHETSCHEF, ADMINISTRATOR)),
            post("/importer", EnumSet.of(ENHETSCHEF, ADMINISTRATOR)),
            get("/importer/{id}", EnumSet.of(ENHETSCHEF, ADMINISTRATOR)),
            get("/importer/{id}/avvisade.csv", EnumSet.of(ENHETSCHEF, ADMINISTRATOR)),
            // decisions on a batch: confirm or discard a held snapshot, withdraw an applied batch – a
            // person's decision, never a system client's
            post("/importer/{id}/bekrafta", EnumSet.of(ENHETSCHEF, ADMINISTRATOR)),
            post("/importer/{id}/kassera", EnumSet.of(ENHETSCHEF, ADMINISTRATOR)),
            get("/importer/{id}/aterkalla", EnumSet.of(ENHETSCHEF, ADMINISTRATOR)),
            post("/importer/{id}/aterkalla", EnumSet.of(ENHETSCHEF, ADMINISTRATOR)),
            post("/api/v1/imports/{kind}", IMPORTERS),
            // the school unit register: names of the schools (not personal data)
            get("/admin/skolenheter", EnumSet.of(ENHETSCHEF, ADMINISTRATOR)),
            post("/admin/skolenheter", EnumSet.of(ENHETSCHEF, ADMINISTRATOR)),
            get("/api/v1/school-units", IMPORTERS),
            post("/api/v1/school-units", IMPORTERS),
            get("/api/v1/imports/{id}", IMPORTERS),
            get("/api/v1/imports/{id}/rejected-rows", IMPORTERS),
            post("/api/v1/imports/{id}/confirm", EnumSet.of(ENHETSCHEF, ADMINISTRATOR)),
            post("/api/v1/imports/{id}/discard", EnumSet.of(ENHETSCHEF, ADMINISTRATOR)),
            post("/api/v1/imports/{id}/withdraw", EnumSet.of(ENHETSCHEF, ADMINISTRATOR)),

            // notices from school organisers and their receipts
            get("/anmalningar/ny", EnumSet.of(SKOLRAPPORTOR, ADMINISTRATOR)),
            post("/anmalningar/ny", EnumSet.of(SKOLRAPPORTOR, ADMINISTRATOR)),
            get("/anmalningar/{id}/kvitto", EnumSet.of(SKOLRAPPORTOR, ADMINISTRATOR)),
            post("/api/v1/notices", REPORTERS),
            get("/api/v1/notices/{id}", REPORTERS),

            // administration of users
            anyMethod("/admin/anvandare", EnumSet.of(ADMINISTRATOR)),
            anyMethod("/admin/anvandare/**", EnumSet.of(ADMINISTRATOR)),
            // API keys, retention (gallring)
            anyMethod("/admin/api-nycklar", EnumSet.of(ADMINISTRATOR)),
            anyMethod("/admin/api-nycklar/**", EnumSet.of(ADMINISTRATOR)),
            anyMethod("/admin/gallring", EnumSet.of(ADMINISTRATOR)),
            anyMethod("/admin/gallring/**", EnumSet.of(ADMINISTRATOR)),
            // recompute the group and the cases now
            get("/admin/omberakning", EnumSet.of(ADMINISTRATOR)),
            post("/admin/omberakning", EnumSet.of(ADMINISTRATOR)),
            // one's own account
            get("/konto", Access.AUTHENTICATED),
            post("/konto/losenord", Access.AUTHENTICATED),

            // the audit log: the granskare only
            anyMethod("/granskning", EnumSet.of(GRANSKARE)),
            anyMethod("/granskning/**", EnumSet.of(GRANSKARE)),
            anyMethod("/api/v1/audit/**", EnumSet.of(GRANSKARE)));

    private PermissionMatrix() {
    }

    /** The deciding entry for a request (or a mapping's pattern taken as a path), if any. */
    public static Optional<Entry> decide(HttpMethod method, String path) {
        return ENTRIES.stream().filter(e -> e.matches(method, path)).findFirst();
    }

    private static Entry get(String pattern, Access access) {
        return new Entry(HttpMethod.GET, pattern, access, Set.of());
    }

    private static Entry get(String pattern, Set<Role> roles) {
        return new Entry(HttpMethod.GET, pattern, Access.ROLES, roles);
    }

    private static Entry post(String pattern, Access access) {
        return new Entry(HttpMethod.POST, pattern, access, Set.of());
    }

    private static Entry post(String pattern, Set<Role> roles) {
        return new Entry(HttpMethod.POST, pattern, Access.ROLES, roles);
    }

    private static Entry anyMethod(String pattern, Access access) {
        return new Entry(null, pattern, access, Set.of());
    }

    private static Entry anyMethod(String pattern, Set<Role> roles) {
        return new Entry(null, pattern, Access.ROLES, roles);
    }

    private static PathPattern parsed(String pattern) {
        return PathPatternParser.defaultInstance.parse(pattern);
    }
}
