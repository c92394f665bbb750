package se.kaa.security.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import se.kaa.platform.Installation;
import se.kaa.security.Role;
import se.kaa.security.internal.ApiKeys;
import se.kaa.shared.MunicipalityCode;

/**
 * The administrator's page for API keys: list, create (the key is shown once, on the answer to the
 * POST, never in a URL or a redirect), revoke.
 */
@Controller
class ApiKeyPageController {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_YEARS = 2;

    private final ApiKeys keys;
    private final Installation installation;
    private final Clock clock;

    ApiKeyPageController(ApiKeys keys, Installation installation, Clock clock) {
        this.keys = keys;
        this.installation = installation;
        this.clock = clock;
    }

    /** What the form sent back, to show again after an error. */
    record Form(String name, String role, Set<String> municipalities, String expires) {
    }

    @GetMapping("/admin/api-nycklar")
    String list(Authentication user, Model model) {
        requireAdministrator(user);
        return page(model, new Form("", Role.SYSTEM.name(), Set.of(), today().plusYears(1).toString()), List.of());
    }

    @PostMapping("/admin/api-nycklar")
    String create(Authentication user, Model model, HttpServletResponse response,
                  @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String role,
                  @RequestParam(required = false) List<String> municipalities,
                  @RequestParam(defaultValue = "") String expires) {
        requireAdministrator(user);
        Set<String> chosen = new TreeSet<>(municipalities == null ? List.of() : municipalities);
        Form form = new Form(name, role, chosen, expires);
        List<String> errors = new ArrayList<>();
        String cleanName = name.strip();
        if (cleanName.isEmpty() || cleanName.length() > MAX_NAME_LENGTH || cleanName.chars().anyMatch(Character::isISOControl)) {
            errors.add("apikeys.error.name");
        }
        Role chosenRole = null;
        for (Role r : Role.values()) {
            if (r.name().equals(role)) {
                chosenRole = r;
            }
        }
        if (chosenRole == null) {
            errors.add("apikeys.error.role");
        }
        Set<MunicipalityCode> codes = new TreeSet<>();
        for (String code : chosen) {
            if (MunicipalityCode.isValid(code) && installation.serves(MunicipalityCode.of(code))) {
                codes.add(MunicipalityCode.of(code));
            } else {
                codes.clear();
                break;
            }
        }
        if (codes.isEmpty()) {
            errors.add("apikeys.error.municipalities");
        }
        LocalDate expiry = null;
        try {
            expiry = LocalDate.parse(expires.strip());
            if (!expiry.isAfter(today()) || expiry.isAfter(today().plusYears(MAX_YEARS))) {
                expiry = null;
            }
        } catch (java.time.format.DateTimeParseException e) {
            expiry = null;
        }
        if (expiry == null) {
            errors.add("apikeys.error.expires");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(model, form, errors);
        }
        // Valid through the chosen day, Swedish time.
        ApiKeys.CreatedKey created = keys.create(cleanName, chosenRole, codes,
                expiry.plusDays(1).atStartOfDay(zone()).toInstant(), user.getName());
        model.addAttribute("key", created.key());
        model.addAttribute("secret", created.secret());
        return "security/api-key-created";
    }

    @PostMapping("/admin/api-nycklar/{id}/aterkalla")
    String revoke(Authentication user, @PathVariable long id) {
        requireAdministrator(user);
        keys.revoke(id, user.getName());
        return "redirect:/admin/api-nycklar?aterkallad";
    }

    private String page(Model model, Form form, List<String> errors) {
        model.addAttribute("keys", keys.list());
        model.addAttribute("now", clock.instant());
        model.addAttribute("zone", zone());
        model.addAttribute("roles", Role.values());
        model.addAttribute("municipalities", installation.servedMunicipalities());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "security/api-keys";
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    /**
     * Administrators only. ROLE_ADMIN is the role V005 gave every local account before the roles of
     * the access-control work; it means administrator of the whole installation.
     */
    static void requireAdministrator(Authentication user) {
        if (user == null || user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .noneMatch(a -> a.equals("ROLE_" + Role.ADMINISTRATOR.name()) || a.equals("ROLE_ADMIN"))) {
            throw new AccessDeniedException("API keys are for administrators");
        }
    }
}
