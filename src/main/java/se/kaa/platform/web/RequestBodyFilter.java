package se.kaa.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.WebUtils;

/**
 * Reads the body of every request that has one – JSON, forms, anything but a multipart upload, which
 * has its own limit ({@code KAA_MAX_UPLOAD_SIZE}) – before the application sees it, and bounds it:
 *
 * <ul>
 * <li><b>Without holding a thread.</b> The body is read with the servlet container's non-blocking
 *     input as it arrives; only then is the request dispatched to the application
 *     ({@link BufferedBodyRequest}). A client that sends its body a byte at a time occupies a
 *     connection, not one of the worker threads every other request needs.</li>
 * <li><b>In bounded time.</b> A body that has not arrived within {@code kaa.platform.web.body-read-timeout}
 *     is answered {@code 408} and its connection closed.</li>
 * <li><b>In bounded size.</b> A body larger than {@code kaa.platform.web.max-body} is answered
 *     {@code 413} before any of it is parsed: at once when its {@code Content-Length} says so, or as
 *     soon as that many bytes have come when it has none (chunked).</li>
 * </ul>
 *
 * Refusals are problem details in Swedish under {@code /api/}, and the Swedish error page elsewhere;
 * both name the limit. The connection is closed after a refusal. A body of up to twice the limit is
 * first read to its end and discarded (without a thread, within the read timeout): a client still
 * sending it would otherwise lose the answer to the reset of a connection closed under its feet. A
 * larger one is not read: its connection is closed at once.
 */
final class RequestBodyFilter implements Filter {

    static final String REASON = "se.kaa.platform.web.reason";
    private static final String READ = RequestBodyFilter.class.getName() + ".read";
    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    private static final Logger log = LoggerFactory.getLogger(RequestBodyFilter.class);

    private final WebLimitsProperties limits;
    private final MessageSource messages;
    private final int maxParameters;

    RequestBodyFilter(WebLimitsProperties limits, MessageSource messages, int maxParameters) {
        this.limits = limits;
        this.messages = messages;
        this.maxParameters = maxParameters;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        BufferedBodyRequest buffered = WebUtils.getNativeRequest(request, BufferedBodyRequest.class);
        if (buffered != null && buffered.outcome() != null) {
            // the dispatch after the body was read
            switch (buffered.outcome()) {
                case COMPLETE -> chain.doFilter(buffered, response);
                case TOO_LARGE -> tooLarge(buffered, response);
                case TIMED_OUT -> tooSlow(buffered, response);
            }
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST || request.getAttribute(READ) != null || !hasBody(request)
                || isMultipart(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean tooLarge = request.getContentLengthLong() > limits.maxBody().toBytes();
        if (!request.isAsyncSupported()) {
            log.warn("Asynchronous processing is off for {}: its body is read with a blocking thread", request.getRequestURI());
            if (tooLarge) {
                tooLarge(request, response);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        request.setAttribute(READ, Boolean.TRUE);
        BufferedBodyRequest wrapper = new BufferedBodyRequest(request, maxParameters);
        AsyncContext async = request.startAsync(wrapper, response);
        async.setTimeout(limits.bodyReadTimeout().toMillis());
        BodyReader reader = new BodyReader(async, wrapper, request.getInputStream(), limits.maxBody().toBytes());
        async.addListener(reader);
        boolean drain = tooLarge && reader.drains(request.getContentLengthLong());
        // Non-blocking from here on, also for what is discarded of a refused body: refused synchronously,
        // a body announced too large would hold this thread while the container read (up to
        // server.tomcat.max-swallow-size) what the client may never send.
        request.getInputStream().setReadListener(reader);
        if (tooLarge && !drain) {
            // decided by its Content-Length, before a byte of it is read
            reader.finish(BufferedBodyRequest.Outcome.TOO_LARGE);
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                text("problem.body-too-large", size(limits.maxBody())));
    }

    private void tooSlow(HttpServletRequest request, HttpServletResponse response) throws IOException {
        refuse(request, response, HttpStatus.REQUEST_TIMEOUT, "body-too-slow",
                text("problem.body-too-slow", limits.bodyReadTimeout().toSeconds()));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type, String detail)
            throws IOException {
        // the rest of the body is not wanted: close the connection instead of reading it
        response.setHeader("Connection", "close");
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"urn:kaa:problem:" + type + "\",\"title\":\"" + json(text("problem.title." + type))
                    + "\",\"status\":" + status.value() + ",\"detail\":\"" + json(detail) + "\"}");
            response.flushBuffer();
        } else {
            request.setAttribute(REASON, detail);
            response.sendError(status.value());
        }
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, SWEDISH);
    }

    /** "1 MB", "512 kB", "300 byte": the limit as a person reads it. */
    static String size(DataSize size) {
        long bytes = size.toBytes();
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return size.toMegabytes() + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return size.toKilobytes() + " kB";
        }
        return bytes + " byte";
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Reads the body as it arrives; dispatches the request once it is complete, too large or too slow. */
    private static final class BodyReader implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final BufferedBodyRequest request;
        private final ServletInputStream in;
        private final long max;
        /** The most read to its end and discarded before a refusal is answered. */
        private final long drainLimit;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] chunk = new byte[8192];
        private final AtomicBoolean finished = new AtomicBoolean();
        /** Refused as too large, and being read to its end so that the client receives the answer. */
        private volatile boolean draining;
        private long received;

        BodyReader(AsyncContext async, BufferedBodyRequest request, ServletInputStream in, long max) {
            this.async = async;
            this.request = request;
            this.in = in;
            this.max = max;
            this.drainLimit = 2 * max;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!finished.get() && in.isReady() && !in.isFinished()) {
                int n = in.read(chunk);
                if (n < 0) {
                    return;
                }
                received += n;
                if (draining) {
                    if (received > drainLimit) {
                        finish(BufferedBodyRequest.Outcome.TOO_LARGE);
                        return;
                    }
                    continue;
                }
                if (body.size() + (long) n > max) {
                    if (!drains(received)) {
                        finish(BufferedBodyRequest.Outcome.TOO_LARGE);
                        return;
                    }
                    continue;
                }
                body.write(chunk, 0, n);
            }
        }

        /**
         * Too large, {@code known} bytes of it known (its Content-Length, or what has arrived): is the rest
         * read and discarded before the refusal (up to twice the limit), or is it refused at once?
         */
        boolean drains(long known) {
            if (known > drainLimit) {
                return false;
            }
            draining = true;
            body.reset();
            return true;
        }

        @Override
        public void onAllDataRead() {
            finish(draining ? BufferedBodyRequest.Outcome.TOO_LARGE : BufferedBodyRequest.Outcome.COMPLETE);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            finish(draining ? BufferedBodyRequest.Outcome.TOO_LARGE : BufferedBodyRequest.Outcome.TIMED_OUT);
        }

        @Override
        public void onError(Throwable t) {
            // the client went away: nobody to answer
            if (finished.compareAndSet(false, true)) {
                async.complete();
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        private void finish(BufferedBodyRequest.Outcome outcome) {
            if (finished.compareAndSet(false, true)) {
                request.finished(outcome, outcome == BufferedBodyRequest.Outcome.COMPLETE ? body.toByteArray() : new byte[0]);
                async.dispatch();
            }
        }
    }
}
