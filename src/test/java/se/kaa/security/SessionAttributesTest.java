package se.kaa.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import se.kaa.testsupport.KaaIntegrationTest;

/**
 * Two requests of one signed-in session that both add the same attribute – two tabs saving at once,
 * each leaving a flash message – are both stored: the second once failed with a duplicate key in
 * {@code security_session_attributes}, a 500 for a save that had succeeded (seen in
 * HostileCaseworkFormTest, which posts three at a time).
 */
@KaaIntegrationTest
class SessionAttributesTest {

    @Autowired SessionRepository<? extends Session> sessions;

    @Test
    void twoCopiesOfASessionThatAddTheSameAttributeAreBothSaved() {
        sameAttributeFromTwoRequests(sessions);
    }

    private static <S extends Session> void sameAttributeFromTwoRequests(SessionRepository<S> repository) {
        S created = repository.createSession();
        repository.save(created);
        // what two requests in flight hold: each its own copy, loaded before the other saved
        S first = repository.findById(created.getId());
        S second = repository.findById(created.getId());
        first.setAttribute("flash", "Kontaktförsöket är sparat.");
        second.setAttribute("flash", "Anteckningen är sparad.");
        repository.save(first);
        assertThatCode(() -> repository.save(second)).doesNotThrowAnyException();
        assertThat(repository.findById(created.getId()).<String>getAttribute("flash")).isEqualTo("Anteckningen är sparad.");
        repository.deleteById(created.getId());
    }
}
