package se.kaa.intake.internal;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Swedish texts of the intake module (i18n/intake.properties). */
@Component
public class IntakeMessages {

    static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private final MessageSource messages;

    IntakeMessages(MessageSource messages) {
        this.messages = messages;
    }

    public String get(String key, Object... args) {
        return messages.getMessage(key, args, key, SWEDISH);
    }
}
