package se.kaa.casework.letters;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.cases.CaseId;
import se.kaa.casework.letters.MessageService.Channel;
import se.kaa.platform.ProblemException;

/**
 * Writing an e-mail or SMS to the young person from her case. The form on the case page posts here;
 * on a mistake (or when she has protected identity or no address for the channel) the message form
 * is shown on its own page with the Swedish error and the text kept. When queued, back to the case.
 */
@Controller
class MessageController {

    private final MessageService messages;
    private final CaseAccess cases;

    MessageController(MessageService messages, CaseAccess cases) {
        this.messages = messages;
        this.cases = cases;
    }

    /** The message as the form sends it: the channel, and the text (checked by {@link MessageService#validate}). */
    record MessageForm(Channel channel, String subject, String body) {
        MessageForm {
            subject = subject == null ? "" : subject;
            body = body == null ? "" : body;
        }
    }

    @GetMapping("/arenden/{id}/meddelanden/ny")
    String form(@PathVariable CaseId id, @RequestParam(required = false) Channel channel, Model model) {
        CaseAccess.CaseRef ref = cases.load(id.value());
        model.addAttribute("caseId", ref.id());
        model.addAttribute("channel", channel == null ? Channel.SMS : channel);
        model.addAttribute("subject", "");
        model.addAttribute("body", "");
        model.addAttribute("problems", List.of());
        return "casework/letter-message";
    }

    @PostMapping("/arenden/{id}/meddelanden")
    ModelAndView send(@PathVariable CaseId id, MessageForm form, BindingResult binding,
                      @RequestParam Map<String, String> submitted /* shown again as she typed it */,
                      Principal principal, Model model) {
        long caseId = cases.load(id.value()).id();
        Channel c = binding.hasFieldErrors("channel") ? null : form.channel();
        String subject = submitted.getOrDefault("subject", "");
        String body = submitted.getOrDefault("body", "");
        model.addAttribute("caseId", caseId);
        model.addAttribute("channel", c == null ? Channel.SMS : c);
        model.addAttribute("subject", subject);
        model.addAttribute("body", body);
        List<ProblemException.FieldProblem> problems = c == null
                ? List.of(new ProblemException.FieldProblem("channel", "letters.message.error.channel"))
                : MessageService.validate(c, subject, body);
        if (!problems.isEmpty()) {
            model.addAttribute("problems", problems);
            return new ModelAndView("casework/letter-message", model.asMap(), HttpStatus.BAD_REQUEST);
        }
        try {
            messages.queue(caseId, c, subject, body, principal.getName());
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.UNPROCESSABLE_CONTENT) {
                throw e;
            }
            model.addAttribute("problems", List.of());
            model.addAttribute("refused", e.detailKey());
            return new ModelAndView("casework/letter-message", model.asMap(), HttpStatus.UNPROCESSABLE_CONTENT);
        }
        return new ModelAndView("redirect:/arenden/" + caseId + "?meddelande=" + c.name() + "#brev-och-meddelanden");
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(se.kaa.platform.ProblemException.class)
    org.springframework.web.servlet.ModelAndView problem(se.kaa.platform.ProblemException e) {
        return LetterController.problemPage(e);
    }
}
