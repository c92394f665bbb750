package se.kaa.intake;

/**
 * A whole file refused before anything was stored. {@code messageKey} names the Swedish text,
 * {@code args} fill it; {@link #getMessage()} is an English description without personal data.
 */
public class ImportRejectedException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] args;

    public ImportRejectedException(String messageKey, String englishMessage, Object... args) {
        super(englishMessage);
        this.messageKey = messageKey;
        this.args = args;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
