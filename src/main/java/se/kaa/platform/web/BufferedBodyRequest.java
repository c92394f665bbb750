package se.kaa.platform.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body {@link RequestBodyFilter} has read in full, without holding a thread, before
 * the application sees it: the body comes from memory, and a form's parameters are parsed from it
 * (the container can no longer read them, its stream is used up).
 *
 * <p>The request reaches the application through an asynchronous dispatch; to every filter and
 * servlet it says it is an ordinary request, so that each of them (security, sessions) handles it
 * exactly as one that had not waited for its body.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

    /** How reading the body ended. */
    enum Outcome { COMPLETE, TOO_LARGE, TIMED_OUT }

    private volatile byte[] body = new byte[0];
    private volatile Outcome outcome;
    private final int maxParameters;
    private ServletInputStream stream;
    private Map<String, String[]> parameters;

    BufferedBodyRequest(HttpServletRequest request, int maxParameters) {
        super(request);
        this.maxParameters = maxParameters;
    }

    void finished(Outcome outcome, byte[] body) {
        this.body = body;
        this.outcome = outcome;
    }

    Outcome outcome() {
        return outcome;
    }

    @Override
    public DispatcherType getDispatcherType() {
        DispatcherType type = super.getDispatcherType();
        return type == DispatcherType.ASYNC ? DispatcherType.REQUEST : type;
    }

    @Override
    public ServletInputStream getInputStream() {
        if (stream == null) {
            stream = new BytesInputStream(body);
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws UnsupportedEncodingException {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values.clone();
    }

    private Map<String, String[]> parameters() {
        if (!isForm()) {
            return super.getParameterMap(); // the query string only: the container reads no other body
        }
        if (parameters == null) {
            Map<String, List<String>> collected = new LinkedHashMap<>();
            int[] count = {0};
            parse(getQueryString(), StandardCharsets.UTF_8, collected, count);
            parse(new String(body, StandardCharsets.ISO_8859_1), charset(), collected, count);
            Map<String, String[]> map = new LinkedHashMap<>();
            collected.forEach((k, v) -> map.put(k, v.toArray(String[]::new)));
            parameters = Collections.unmodifiableMap(map);
        }
        return parameters;
    }

    /** Like the container: {@code name=value} pairs; a pair that cannot be decoded is left out. */
    private void parse(String text, Charset charset, Map<String, List<String>> into, int[] count) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (count[0] >= maxParameters) {
                return;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            if (rawName.isEmpty()) {
                continue;
            }
            try {
                String name = decode(rawName, charset);
                String value = decode(rawValue, charset);
                into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                count[0]++;
            } catch (IllegalArgumentException e) {
                // a broken %-escape: skipped, as the container does
            }
        }
    }

    /** The body's bytes were kept as ISO-8859-1 text; %-escapes and '+' decode in the form's charset. */
    private static String decode(String raw, Charset charset) {
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        String latin = new String(bytes, charset);
        return URLDecoder.decode(latin, charset);
    }

    private boolean isForm() {
        String type = getContentType();
        return "POST".equals(getMethod()) && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private Charset charset() {
        String encoding = getCharacterEncoding();
        try {
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static final class BytesInputStream extends ServletInputStream {

        private final ByteArrayInputStream in;

        BytesInputStream(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public int available() {
            return in.available();
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            try {
                listener.onDataAvailable();
                listener.onAllDataRead();
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }
}
