package se.kaa.security.internal;

import java.util.Arrays;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;

/**
 * The one OIDC client registration ({@value #REGISTRATION_ID}), built from the environment
 * ({@code kaa.security.oidc.*}, i.e. {@code KAA_OIDC_*}) when first needed and again whenever those
 * settings change; no issuer means single sign-on is off. The provider's endpoints come from its
 * discovery document ({@code <issuer>/.well-known/openid-configuration}).
 *
 * <p>Reading the settings on use, not at start, is what lets the integration tests switch single
 * sign-on on against a provider they start, inside the one shared application context. The login
 * page asks {@link #isEnabled()} (bean {@code kaaOidc}) whether to offer it.
 */
@Component("kaaOidc")
public class OidcClientRegistrations implements ClientRegistrationRepository {

    public static final String REGISTRATION_ID = "kaa";
    static final String PREFIX = "kaa.security.oidc.";

    private static final Logger log = LoggerFactory.getLogger(OidcClientRegistrations.class);

    private final Environment environment;
    private volatile Built built;

    OidcClientRegistrations(Environment environment) {
        this.environment = environment;
    }

    /** The OIDC settings in force now. */
    SignInProperties.Oidc settings() {
        return new SignInProperties.Oidc(
                property("issuer", ""),
                property("client-id", ""),
                property("client-secret", ""),
                property("roles-claim", "roles"),
                property("municipalities-claim", "kommuner"),
                property("username-claim", "preferred_username"),
                property("scopes", "openid,profile,email"));
    }

    public boolean isEnabled() {
        return !settings().issuer().isBlank();
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        SignInProperties.Oidc settings = settings();
        if (settings.issuer().isBlank()) {
            return null;
        }
        Built current = built;
        if (current != null && current.settings().equals(settings)) {
            return current.registration();
        }
        if (settings.clientId().isBlank()) {
            throw new IllegalStateException("KAA_OIDC_ISSUER is set but KAA_OIDC_CLIENT_ID is not");
        }
        ClientRegistration registration;
        try {
            registration = ClientRegistrations.fromIssuerLocation(settings.issuer())
                    .registrationId(REGISTRATION_ID)
                    .clientId(settings.clientId())
                    .clientSecret(settings.clientSecret())
                    .scope(Arrays.stream(settings.scopes().split("[,\\s]+")).filter(s -> !s.isBlank()).toList())
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .clientName("KAA")
                    .build();
        } catch (RuntimeException e) {
            // The issuer is configuration, not a secret; the client secret is never logged.
            log.warn("OIDC discovery failed for issuer {}: {}", settings.issuer(), e.getMessage());
            throw e;
        }
        built = new Built(settings, registration);
        log.info("OIDC single sign-on configured for issuer {}", settings.issuer());
        return registration;
    }

    private String property(String name, String defaultValue) {
        String value = environment.getProperty(PREFIX + name);
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    private record Built(SignInProperties.Oidc settings, ClientRegistration registration) {
        Built {
            Objects.requireNonNull(registration);
        }
    }
}
