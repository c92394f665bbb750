package se.kaa.ui.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class UiController {

    @GetMapping("/login")
    String login() {
        return "ui/login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/malgrupp";
    }
}
