package se.kaa.casework.letters;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.handover.HandoverService;
import se.kaa.casework.records.CasePagePanel;

/**
 * "Brev och meddelanden" on the case page: a letter of each kind to download, the letters generated
 * (drafts to mark as sent, and sent ones), an SMS or e-mail to
 * write, the messages of the case with their status, and the handover package when she moved out.
 * No letter or message form for a person with protected identity.
 */
@Component
class LettersPanel implements CasePagePanel {

    private final MessageService messages;
    private final HandoverService handovers;
    private final LetterService letters;

    LettersPanel(MessageService messages, HandoverService handovers, LetterService letters) {
        this.messages = messages;
        this.handovers = handovers;
        this.letters = letters;
    }

    @Override
    public String template() {
        return "casework/panel-letters";
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public Map<String, Object> model(CaseAccess.CaseRef caseRef) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("letterKinds", LetterKind.values());
        model.put("lettersProtected", caseRef.protectedIdentity());
        model.put("lettersHasEmail", !caseRef.protectedIdentity()
                && messages.recipient(caseRef.id(), MessageService.Channel.EMAIL).isPresent());
        model.put("lettersHasPhone", !caseRef.protectedIdentity()
                && messages.recipient(caseRef.id(), MessageService.Channel.SMS).isPresent());
        model.put("lettersMessages", messages.ofCase(caseRef.id()));
        model.put("lettersLetters", letters.ofCase(caseRef.id()));
        model.put("lettersHandover", handovers.latest(caseRef.id()).orElse(null));
        return model;
    }
}
