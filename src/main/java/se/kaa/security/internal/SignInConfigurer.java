package se.kaa.security.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.stereotype.Component;

/**
 * Everything about <em>how</em> one signs in, applied to the filter chains of
 * {@link SecurityConfiguration} (which decides <em>what</em> each role may do): API keys, the HTTP
 * Basic switch and rate limits on the API; OIDC single sign-on and the login rate limit in the UI.
 */
@Component
class SignInConfigurer {

    private final ApiKeys keys;
    private final SignInRateLimits limits;
    private final AuthProblems problems;
    private final OidcClientRegistrations registrations;
    private final KaaOidcUserService oidcUsers;

    SignInConfigurer(ApiKeys keys, SignInRateLimits limits, AuthProblems problems,
                     OidcClientRegistrations registrations, KaaOidcUserService oidcUsers) {
        this.keys = keys;
        this.limits = limits;
        this.problems = problems;
        this.registrations = registrations;
        this.oidcUsers = oidcUsers;
    }

    void api(HttpSecurity http) {
        http.addFilterBefore(new ApiKeyAuthenticationFilter(keys, limits, problems), BasicAuthenticationFilter.class)
                .addFilterBefore(new BasicAuthGuardFilter(limits, problems), BasicAuthenticationFilter.class);
    }

    void ui(HttpSecurity http) throws Exception {
        http.addFilterBefore(new LoginRateLimitFilter(limits), UsernamePasswordAuthenticationFilter.class)
                .oauth2Login(oidc -> oidc
                        .loginPage("/login")
                        .clientRegistrationRepository(registrations)
                        .authorizationEndpoint(a -> a.authorizationRequestResolver(new OnlyWhenEnabled(registrations)))
                        .userInfoEndpoint(u -> u.oidcUserService(oidcUsers))
                        .defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutSuccessHandler(logoutSuccess()));
    }

    /**
     * A user who came through single sign-on is signed out at the provider too (RP-initiated
     * logout, when the provider offers it), and comes back to the login page; everyone else goes
     * straight to {@code /login?logout}. Set as a handler, it wins over a logout success URL.
     */
    private LogoutSuccessHandler logoutSuccess() {
        OidcClientInitiatedLogoutSuccessHandler atProvider = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        atProvider.setPostLogoutRedirectUri("{baseUrl}/login?logout");
        SimpleUrlLogoutSuccessHandler local = new SimpleUrlLogoutSuccessHandler();
        local.setDefaultTargetUrl("/login?logout");
        return (request, response, authentication) -> {
            if (authentication instanceof OAuth2AuthenticationToken && registrations.isEnabled()) {
                atProvider.onLogoutSuccess(request, response, authentication);
            } else {
                local.onLogoutSuccess(request, response, authentication);
            }
        };
    }

    /** The API's 401: problem details naming the ways to sign in that are on. */
    void unauthorized(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problems.unauthorized(response);
    }

    /** With single sign-on off, {@code /oauth2/authorization/kaa} is no different from any other page. */
    private static final class OnlyWhenEnabled implements OAuth2AuthorizationRequestResolver {

        private final OidcClientRegistrations registrations;
        private final DefaultOAuth2AuthorizationRequestResolver delegate;

        OnlyWhenEnabled(OidcClientRegistrations registrations) {
            this.registrations = registrations;
            this.delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        }

        @Override
        public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
            return registrations.isEnabled() ? delegate.resolve(request) : null;
        }

        @Override
        public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
            return registrations.isEnabled() ? delegate.resolve(request, clientRegistrationId) : null;
        }
    }
}
