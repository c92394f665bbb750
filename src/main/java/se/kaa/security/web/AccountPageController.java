package se.kaa.security.web;

import java.util.List;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import se.kaa.platform.Installation;
import se.kaa.security.KaaPrincipal;

/**
 * "Mitt konto": who one is signed in as, with which roles and municipalities; a local account
 * changes its own password here (an account that signs in through the municipality's identity
 * provider changes it there).
 */
@Controller
class AccountPageController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccountPageController.class);

    private final Installation installation;
    private final se.kaa.security.internal.UserAccounts accounts;
    private final org.springframework.context.MessageSource messages;

    AccountPageController(Installation installation, se.kaa.security.internal.UserAccounts accounts,
                          org.springframework.context.MessageSource messages) {
        this.installation = installation;
        this.accounts = accounts;
        this.messages = messages;
    }

    @org.springframework.web.bind.annotation.PostMapping("/konto/losenord")
    String changePassword(Authentication user,
                          @org.springframework.web.bind.annotation.RequestParam(required = false) String currentPassword,
                          @org.springframework.web.bind.annotation.RequestParam(required = false) String newPassword,
                          @org.springframework.web.bind.annotation.RequestParam(required = false) String repeatPassword,
                          Model model, jakarta.servlet.http.HttpServletResponse response,
                          org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        if (!local(user)) {
            errors.put("currentPassword", text("account.password.notLocal"));
        } else {
            if (currentPassword == null || currentPassword.isEmpty()) {
                errors.put("currentPassword", text("account.password.currentMissing"));
            }
            List<String> problems = se.kaa.security.internal.PasswordPolicy.problems(newPassword, user.getName());
            if (!problems.isEmpty()) {
                errors.put("newPassword", String.join(" ", problems.stream().map(k -> text(k,
                        se.kaa.security.internal.PasswordPolicy.MIN_LENGTH, se.kaa.security.internal.PasswordPolicy.MAX_BYTES)).toList()));
            } else if (!newPassword.equals(repeatPassword)) {
                errors.put("repeatPassword", text("account.password.mismatch"));
            } else if (newPassword.equals(currentPassword)) {
                errors.put("newPassword", text("account.password.same"));
            }
        }
        if (errors.isEmpty()) {
            switch (accounts.changeOwnPassword(user.getName(), currentPassword, newPassword)) {
                case CHANGED -> {
                    log.info("User {} changed her own password", user.getName());
                    redirect.addFlashAttribute("passwordChanged", true);
                    return "redirect:/konto";
                }
                case WRONG_CURRENT -> errors.put("currentPassword", text("account.password.wrongCurrent"));
                case LOCKED -> errors.put("currentPassword", text("account.password.locked"));
            }
        }
        response.setStatus(org.springframework.http.HttpStatus.BAD_REQUEST.value());
        model.addAttribute("errors", errors);
        return account(user, model);
    }

    private static boolean local(Authentication user) {
        return user != null && user.getPrincipal() instanceof org.springframework.security.core.userdetails.UserDetails;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    @GetMapping("/konto")
    String account(Authentication user, Model model) {
        model.addAttribute("local", local(user));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", java.util.Map.of());
        }
        Optional<KaaPrincipal> principal = KaaPrincipal.of(user);
        model.addAttribute("username", user.getName());
        model.addAttribute("sso", principal.isPresent());
        model.addAttribute("roles", principal.map(p -> p.roles().stream().map(Enum::name).toList())
                .orElseGet(() -> roleNames(user)));
        model.addAttribute("municipalities", principal
                .map(p -> p.municipalities().stream().sorted().map(installation::label).toList())
                .orElse(null));
        return "security/account";
    }

    private static List<String> roleNames(Authentication user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length())).toList();
    }
}
