package se.kaa.security.internal;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated API key. The key itself is not kept: the credentials are erased. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final transient ApiClient client;

    ApiKeyAuthentication(ApiClient client) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + client.role().name())));
        this.client = client;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public ApiClient getPrincipal() {
        return client;
    }

    @Override
    public String getName() {
        return client.username();
    }
}
