package se.kaa.casework.letters;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Letters ({@code kaa.casework.letters}), beside {@link LettersProperties} of the messages: those are
 * re-bound at every send, these are fixed at start.
 *
 * @param maxPerRequest the most letters one request may generate (the worklist's bulk form, the API);
 *                      more is refused with a Swedish error naming the limit. The PDF is written part
 *                      by part, so memory does not grow with the number, but the time does.
 */
@ConfigurationProperties("kaa.casework.letters")
public record LetterProperties(@DefaultValue("500") int maxPerRequest) {

    public LetterProperties {
        if (maxPerRequest < 1) {
            throw new IllegalArgumentException("kaa.casework.letters.max-per-request must be at least 1");
        }
    }
}
