package se.kaa.casework.letters;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Messages to young people ({@code kaa.casework.messages}). Without an SMS URL, SMS go to the outbox
 * for staff to send by hand; without {@code spring.mail.host}, e-mail does too. {@link MessageSettings}
 * binds these afresh at every send, so a changed setting applies without a restart.
 *
 * @param maxAttempts  attempts before a message is FAILED
 * @param retryDelay   the wait after the first failure; doubled after each further one
 * @param sendInterval how often the sender looks for due messages and polls delivery status
 * @param sendingTimeout a message still SENDING this long after it was claimed (the sender died between
 *                     the claim and the gateway's answer) is set aside as UNCERTAIN for a person to check
 * @param mailFrom     the sender address of e-mail
 * @param sms          the HTTP SMS provider
 */
@ConfigurationProperties("kaa.casework.messages")
public record LettersProperties(@DefaultValue("5") int maxAttempts, @DefaultValue("1m") Duration retryDelay,
                                @DefaultValue("30s") Duration sendInterval,
                                @DefaultValue("10m") Duration sendingTimeout,
                                @DefaultValue("no-reply@kaa.invalid") String mailFrom,
                                @DefaultValue Sms sms) {

    /**
     * @param url       the provider's endpoint: {@code POST url} sends, {@code GET url/{id}} gives the
     *                  delivery status; empty: outbox mode
     * @param token     the bearer token
     * @param sender    the sender name shown on the phone
     */
    public record Sms(@DefaultValue("") String url, @DefaultValue("") String token, @DefaultValue("KAA") String sender) {

        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }
}
