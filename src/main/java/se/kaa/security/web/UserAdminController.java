package se.kaa.security.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.platform.Installation;
import se.kaa.security.AccessScope;
import se.kaa.security.CurrentAccess;
import se.kaa.security.Role;
import se.kaa.security.internal.PasswordPolicy;
import se.kaa.security.internal.UserAccounts;
import se.kaa.shared.MunicipalityCode;

/** The administrator's pages: users, their roles, municipalities and school units; disabling. */
@Controller
class UserAdminController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UserAdminController.class);

    private static final String USERNAME = "[A-Za-z0-9._@-]{2,100}";

    /** The form's fields as submitted, to show them again after an error. */
    record UserForm(String username, String displayName, Set<String> roles, Set<String> municipalities,
                    String schoolUnits, boolean enabled, boolean protectedAddresses) {
    }

    private final UserAccounts accounts;
    private final CurrentAccess access;
    private final Installation installation;
    private final MessageSource messages;

    UserAdminController(UserAccounts accounts, CurrentAccess access, Installation installation, MessageSource messages) {
        this.accounts = accounts;
        this.access = access;
        this.installation = installation;
        this.messages = messages;
    }

    @GetMapping("/admin/anvandare")
    String list(Model model) {
        model.addAttribute("users", accounts.visibleTo(access.scope()));
        return "security/users";
    }

    @GetMapping("/admin/anvandare/ny")
    String newUser(Model model) {
        return form(model, null, new UserForm("", "", Set.of(), Set.of(), "", true, false), Map.of());
    }

    @PostMapping("/admin/anvandare")
    String create(@RequestParam(required = false) String username, @RequestParam(required = false) String displayName,
                  @RequestParam(required = false) String password,
                  @RequestParam(required = false) List<String> roles,
                  @RequestParam(required = false) List<String> municipalities,
                  @RequestParam(required = false) String schoolUnits,
                  @RequestParam(required = false) String protectedAddresses,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        UserForm form = form(username, displayName, roles, municipalities, schoolUnits, true, protectedAddresses != null);
        Map<String, String> errors = new LinkedHashMap<>();
        String u = form.username().strip();
        if (!u.matches(USERNAME)) {
            errors.put("username", text("security.user.username.invalid"));
        } else if (accounts.usernameTaken(u)) {
            errors.put("username", text("security.user.username.taken"));
        }
        List<String> passwordProblems = PasswordPolicy.problems(password, u);
        if (!passwordProblems.isEmpty()) {
            errors.put("password", String.join(" ", passwordProblems.stream()
                    .map(k -> text(k, PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_BYTES)).toList()));
        }
        UserAccounts.Changes changes = changes(form, errors, null);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, null, form, errors);
        }
        long id = accounts.create(u, password, changes, access.scope());
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/anvandare/" + id;
    }

    @GetMapping("/admin/anvandare/{id}")
    String edit(@PathVariable long id, Model model) {
        UserAccounts.Account account = visible(id);
        return form(model, account, new UserForm(account.username(), account.displayName(),
                account.roles().stream().map(Role::name).collect(java.util.stream.Collectors.toSet()),
                account.municipalities(), String.join(", ", account.schoolUnits()), account.enabled(),
                    account.protectedAddresses()), Map.of());
    }

    @PostMapping("/admin/anvandare/{id}")
    String update(@PathVariable long id, @RequestParam(required = false) String displayName,
                  @RequestParam(required = false) List<String> roles,
                  @RequestParam(required = false) List<String> municipalities,
                  @RequestParam(required = false) String schoolUnits,
                  @RequestParam(required = false) String enabled,
                  @RequestParam(required = false) String protectedAddresses,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        UserAccounts.Account account = visible(id);
        UserForm form = form(account.username(), displayName, roles, municipalities, schoolUnits, enabled != null,
                protectedAddresses != null);
        Map<String, String> errors = new LinkedHashMap<>();
        UserAccounts.Changes changes = changes(form, errors, account);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, account, form, errors);
        }
        accounts.update(id, changes, access.scope());
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/anvandare/" + id;
    }

    @PostMapping("/admin/anvandare/{id}/losenord")
    String password(@PathVariable long id, @RequestParam(required = false) String password, Model model,
                    HttpServletResponse response, RedirectAttributes redirect) {
        UserAccounts.Account account = visible(id);
        List<String> problems = PasswordPolicy.problems(password, account.username());
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, account, new UserForm(account.username(), account.displayName(),
                    account.roles().stream().map(Role::name).collect(java.util.stream.Collectors.toSet()),
                    account.municipalities(), String.join(", ", account.schoolUnits()), account.enabled(),
                    account.protectedAddresses()),
                    Map.of("newPassword", String.join(" ", problems.stream()
                            .map(k -> text(k, PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_BYTES)).toList())));
        }
        accounts.setPassword(id, password);
        redirect.addFlashAttribute("passwordSet", true);
        return "redirect:/admin/anvandare/" + id;
    }

    @PostMapping("/admin/anvandare/{id}/inaktivera")
    String disable(@PathVariable long id, RedirectAttributes redirect) {
        UserAccounts.Account account = visible(id);
        if (account.username().equals(access.scope().username())) {
            redirect.addFlashAttribute("selfError", true);
        } else {
            accounts.disable(id);
            redirect.addFlashAttribute("disabled", true);
        }
        return "redirect:/admin/anvandare/" + id;
    }

    private UserAccounts.Account visible(long id) {
        return accounts.find(id, access.scope()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private UserAccounts.Changes changes(UserForm form, Map<String, String> errors, UserAccounts.Account existing) {
        AccessScope admin = access.scope();
        String name = form.displayName().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.put("displayName", text("security.user.displayName.invalid"));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : form.roles()) {
            try {
                roles.add(Role.valueOf(r));
            } catch (IllegalArgumentException e) {
                errors.put("roles", text("security.user.roles.invalid"));
            }
        }
        if (roles.isEmpty()) {
            errors.put("roles", text("security.user.roles.missing"));
        }
        Set<MunicipalityCode> municipalities = new LinkedHashSet<>();
        for (String m : form.municipalities()) {
            if (!MunicipalityCode.isValid(m) || !admin.grants(MunicipalityCode.of(m))) {
                errors.put("municipalities", text("security.user.municipalities.invalid"));
            } else {
                municipalities.add(MunicipalityCode.of(m));
            }
        }
        boolean keepsOthers = existing != null && existing.municipalities().stream()
                .anyMatch(m -> !admin.grants(MunicipalityCode.of(m)));
        if (municipalities.isEmpty() && !keepsOthers && !errors.containsKey("municipalities")) {
            errors.put("municipalities", text("security.user.municipalities.missing"));
        }
        Set<String> units = new TreeSet<>();
        for (String unit : form.schoolUnits().split("[\\s,;]+")) {
            if (unit.isBlank()) {
                continue;
            }
            if (!unit.matches("\\d{8}")) {
                errors.put("schoolUnits", text("security.user.schoolUnits.invalid"));
            } else {
                units.add(unit);
            }
        }
        if (roles.contains(Role.SKOLRAPPORTOR) && units.isEmpty() && !errors.containsKey("schoolUnits")) {
            errors.put("schoolUnits", text("security.user.schoolUnits.missing"));
        }
        if (existing != null && existing.username().equals(admin.username())
                && (!roles.contains(Role.ADMINISTRATOR) || !form.enabled())) {
            errors.put("roles", text("security.user.self"));
        }
        if (form.protectedAddresses() && (existing == null || !existing.protectedAddresses())) {
            // Not personal data of a young person, but a change of who may see it: kept in the log.
            log.info("Administrator {} grants the permission to see protected addresses to {}", admin.username(),
                    existing == null ? form.username().strip() : existing.username());
        }
        return new UserAccounts.Changes(name, roles, municipalities, units, form.enabled(), form.protectedAddresses());
    }

    private static UserForm form(String username, String displayName, List<String> roles, List<String> municipalities,
                                 String schoolUnits, boolean enabled, boolean protectedAddresses) {
        return new UserForm(username == null ? "" : username, displayName == null ? "" : displayName,
                roles == null ? Set.of() : new LinkedHashSet<>(roles),
                municipalities == null ? Set.of() : new LinkedHashSet<>(municipalities),
                schoolUnits == null ? "" : schoolUnits, enabled, protectedAddresses);
    }

    private String form(Model model, UserAccounts.Account account, UserForm form, Map<String, String> errors) {
        model.addAttribute("account", account);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("roles", Arrays.asList(Role.values()));
        List<MunicipalityOption> options = new ArrayList<>();
        for (MunicipalityCode m : access.scope().granted(installation.servedMunicipalities())) {
            options.add(new MunicipalityOption(m.value(), installation.label(m)));
        }
        model.addAttribute("municipalities", options);
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        return "security/user";
    }

    record MunicipalityOption(String code, String label) {
    }

    private String text(String key, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, args, key, locale);
    }
}
