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

/** "Mitt konto": who one is signed in as, with which roles and municipalities. */
@Controller
class AccountPageController {

    private final Installation installation;

    AccountPageController(Installation installation) {
        this.installation = installation;
    }

    @GetMapping("/konto")
    String account(Authentication user, Model model) {
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
