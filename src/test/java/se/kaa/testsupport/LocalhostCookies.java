package se.kaa.testsupport;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A cookie jar that, like every browser, treats {@code http://localhost} as a secure origin: the
 * session cookie is {@code Secure} (application.yml), and {@link CookieManager} alone would never
 * send it back over plain HTTP.
 */
public final class LocalhostCookies extends CookieHandler {

    private final CookieManager delegate = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
        return delegate.get(secure(uri), requestHeaders);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
        delegate.put(secure(uri), responseHeaders);
    }

    private static URI secure(URI uri) {
        if ("http".equals(uri.getScheme()) && "localhost".equals(uri.getHost())) {
            return URI.create("https" + uri.toString().substring(4));
        }
        return uri;
    }
}
