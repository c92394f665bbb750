package se.kaa.shared;

import java.util.UUID;

/**
 * A person's id as it arrives in a path ({@code /personer/{id}}, {@code /api/v1/persons/{id}}):
 * converted by Spring from the path ({@link #of(String)}); anything that is no id is no person at
 * all, which the web edge answers {@code 404} like an unknown one. Never a personnummer: ids are
 * what URLs carry.
 */
public record PersonId(UUID value) {

    public PersonId {
        if (value == null) {
            throw new IllegalArgumentException("A person id is required");
        }
    }

    /** Used by Spring's conversion of a path variable; throws for anything but a UUID. */
    public static PersonId of(String text) {
        return new PersonId(UUID.fromString(text.strip()));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
