package se.kaa.casework.letters;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.platform.Installation;
import se.kaa.security.CurrentAccess;
import se.kaa.shared.MunicipalityCode;

/**
 * The outbox ({@code /arenden/utskick}): messages of the user's municipalities – those waiting to be
 * sent by hand first, each with its text to copy and a button to mark it sent – and the status of the
 * ones the sender handles (queued, sent, delivered, failed with the reason). Messages whose sending was
 * cut off (UNCERTAIN) are listed on their own, to check and then mark sent or put back in the queue.
 * Every listing is an
 * audited read of the persons in it.
 */
@Controller
class OutboxController {

    static final int LIMIT = 500;

    private final MessageService messages;
    private final CurrentAccess access;
    private final Installation installation;
    private final AuditLog audit;

    OutboxController(MessageService messages, CurrentAccess access, Installation installation, AuditLog audit) {
        this.messages = messages;
        this.access = access;
        this.installation = installation;
        this.audit = audit;
    }

    @GetMapping("/arenden/utskick")
    String outbox(Model model) {
        List<MunicipalityCode> granted = access.scope().granted(installation.servedMunicipalities());
        List<MessageService.Message> list = messages.list(granted, LIMIT);
        Map<MunicipalityCode, List<UUID>> persons = new LinkedHashMap<>();
        list.forEach(m -> persons.computeIfAbsent(m.municipality(), k -> new ArrayList<>()).add(m.personId()));
        persons.forEach((m, ids) -> audit.record(AuditEvent.read("OUTBOX_LISTED", m, ids.stream().distinct().toList(),
                "GET /arenden/utskick")));
        model.addAttribute("manual", list.stream().filter(m -> "MANUAL".equals(m.status())).toList());
        model.addAttribute("uncertain", list.stream().filter(m -> "UNCERTAIN".equals(m.status())).toList());
        model.addAttribute("others", list.stream()
                .filter(m -> !"MANUAL".equals(m.status()) && !"UNCERTAIN".equals(m.status())).toList());
        return "casework/outbox";
    }

    @PostMapping("/arenden/utskick/{id}/skickat")
    String markSent(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
        messages.markSent(id, principal.getName());
        redirect.addFlashAttribute("markedSent", true);
        return "redirect:/arenden/utskick";
    }

    /** An UNCERTAIN message was checked and had not gone out: back to the queue (or the outbox). */
    @PostMapping("/arenden/utskick/{id}/ko")
    String requeue(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
        messages.requeue(id, principal.getName());
        redirect.addFlashAttribute("requeued", true);
        return "redirect:/arenden/utskick";
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(se.kaa.platform.ProblemException.class)
    org.springframework.web.servlet.ModelAndView problem(se.kaa.platform.ProblemException e) {
        return LetterController.problemPage(e);
    }
}
