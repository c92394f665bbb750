package se.kaa.security.internal;

import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

import se.kaa.platform.Installation;
import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;

/**
 * Turns the provider's user into a {@link KaaOidcUser}: roles and municipalities from the configured
 * claims (see {@link OidcClaims}). A user the provider knows but who has no KAA role is refused.
 */
@Component
class KaaOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private static final Logger log = LoggerFactory.getLogger(KaaOidcUserService.class);

    private final OidcUserService delegate = new OidcUserService();
    private final OidcClientRegistrations registrations;
    private final Installation installation;

    KaaOidcUserService(OidcClientRegistrations registrations, Installation installation) {
        this.registrations = registrations;
        this.installation = installation;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = delegate.loadUser(request);
        SignInProperties.Oidc settings = registrations.settings();
        Map<String, Object> claims = user.getClaims();
        Set<Role> roles = OidcClaims.roles(claims.get(settings.rolesClaim()));
        Set<MunicipalityCode> municipalities =
                OidcClaims.municipalities(claims.get(settings.municipalitiesClaim()), installation::serves);
        String username = username(user, settings.usernameClaim());
        if (roles.isEmpty()) {
            log.info("OIDC sign-in refused: the user has no KAA role in claim '{}'", settings.rolesClaim());
            throw new OAuth2AuthenticationException(new OAuth2Error("kaa_no_role",
                    "The user has no KAA role", null));
        }
        return new KaaOidcUser(user, username, roles, municipalities,
                OidcClaims.protectedAddresses(claims.get(settings.rolesClaim())));
    }

    /**
     * The first of the configured claim, {@code preferred_username}, {@code email} and {@code sub}
     * that is set and does not look like a personnummer (some Swedish providers use one as subject):
     * the name is shown on every page and written to the audit log. Failing all, a pseudonym
     * derived from the subject.
     */
    static String username(OidcUser user, String claim) {
        for (String name : new String[] {claim, "preferred_username", "email", "sub"}) {
            Object value = user.getClaims().get(name);
            if (value != null && !value.toString().isBlank() && !looksLikePersonnummer(value.toString())) {
                return value.toString().strip();
            }
        }
        return "oidc-" + ApiKeys.hash(String.valueOf(user.getSubject())).substring(0, 16);
    }

    static boolean looksLikePersonnummer(String value) {
        return PERSONNUMMER_SHAPE.matcher(value.strip()).find();
    }

    private static final java.util.regex.Pattern PERSONNUMMER_SHAPE =
            java.util.regex.Pattern.compile("(?<!\\d)(\\d{2})?\\d{6}[-+]?\\d{4}(?!\\d)");
}
