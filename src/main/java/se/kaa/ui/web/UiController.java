package se.kaa.ui.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class UiController {

    @GetMapping("/login")
    String login() {
        return "ui/login";
    }

    /** Each role starts where its work is (see the permission matrix in docs/security.md). */
    @GetMapping("/")
    String home(Authentication user) {
        if (has(user, "ADMINISTRATOR")) {
            return "redirect:/malgrupp";
        }
        if (has(user, "ENHETSCHEF")) {
            // the unit's overview, each number a link to the cases behind it
            return "redirect:/oversikt";
        }
        if (has(user, "HANDLAGGARE")) {
            // the worklist, her own cases first
            return "redirect:/arenden";
        }
        if (has(user, "SKOLRAPPORTOR")) {
            return "redirect:/anmalningar/ny";
        }
        if (has(user, "GRANSKARE")) {
            return "redirect:/granskning";
        }
        return "ui/no-access";
    }

    private static boolean has(Authentication user, String role) {
        return user.getAuthorities().stream().anyMatch(a -> ("ROLE_" + role).equals(a.getAuthority()));
    }
}
