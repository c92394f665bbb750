package se.kaa.reporting.board;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.security.AccessScope;

/**
 * {@code /admin/rapporter/riket}: the administrator's page of Skolverket's national figures – the
 * version in use with every figure as the board report shows it, the earlier versions, and the upload
 * of a new version (every problem named with its line; nothing stored until the file is right).
 */
@Controller
class NationalFiguresController {

    private final NationalFiguresStore store;
    private final MessageSource messages;

    NationalFiguresController(NationalFiguresStore store, MessageSource messages) {
        this.store = store;
        this.messages = messages;
    }

    @GetMapping("/admin/rapporter/riket")
    String page(Model model) {
        model.addAttribute("current", store.current());
        model.addAttribute("versions", store.versions());
        return "reporting/national-admin";
    }

    @PostMapping("/admin/rapporter/riket")
    String upload(@RequestParam(required = false) MultipartFile file, AccessScope scope, RedirectAttributes redirect)
            throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("uploadProblems", List.of(text("reporting.national.noFile")));
            return "redirect:/admin/rapporter/riket";
        }
        try {
            NationalFigures figures = store.upload(file.getBytes(), scope.username());
            redirect.addFlashAttribute("uploaded", figures.version());
        } catch (NationalFigures.Problems e) {
            // flashed as text: the session is stored, and holds only what serialises
            redirect.addFlashAttribute("uploadProblems", new ArrayList<>(e.problems().stream()
                    .map(p -> text("reporting.national.problem", p.line(), p.message())).toList()));
        }
        return "redirect:/admin/rapporter/riket";
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, java.util.Locale.forLanguageTag("sv"));
    }
}
