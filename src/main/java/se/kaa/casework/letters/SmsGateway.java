package se.kaa.casework.letters;

import java.util.Optional;

/**
 * Sends SMS through a provider. The {@link HttpSmsGateway} is the built-in adapter; another bean of
 * this type that is {@link #available()} takes precedence when declared {@code @Primary}/first. When
 * none is available, SMS go to the outbox to be sent by hand.
 */
public interface SmsGateway {

    enum DeliveryStatus { PENDING, DELIVERED, FAILED }

    /** Whether it is configured and should be used now. */
    boolean available();

    /**
     * Hands the message to the provider; returns the provider's id of it.
     *
     * @throws SmsException when the provider refused it or could not be reached (the sender retries)
     */
    String send(String to, String text);

    /** The provider's delivery status of a message it accepted; empty when it cannot say. */
    Optional<DeliveryStatus> status(String providerId);

    /** A send that failed; the message is short, English, and never holds personal data. */
    class SmsException extends RuntimeException {
        public SmsException(String message) {
            super(message);
        }
    }
}
