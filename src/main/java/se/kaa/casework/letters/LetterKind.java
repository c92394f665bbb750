package se.kaa.casework.letters;

import java.util.Optional;

/** The letters a municipality sends; each has a template per municipality. */
public enum LetterKind {
    /** About the municipal activity responsibility and what the municipality can offer. */
    INFORMATION,
    /** "We have not reached you". */
    NOT_REACHED,
    /** Before her 20th birthday, with information about komvux. */
    BEFORE_TWENTY;

    public static Optional<LetterKind> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (LetterKind kind : values()) {
            if (kind.name().equalsIgnoreCase(value.trim())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
