package org.opencli.cli.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request to the runtime's API over {@link HttpURLConnection}. Not {@code java.net.http}: its
 * client starts a selector thread and an SSL context and loads some 200 classes before the first
 * byte is sent, about half a second of CPU for a process that makes one or two requests
 * (docs/performance.md); this one costs a socket. Redirects are never followed (a bearer token is
 * not handed to wherever a redirect points), a request with a body is sent exactly once (the JDK's
 * resend of a failed POST is off), and an answer is read up to {@link #MAX_BODY}. The body is not
 * streamed: in streaming mode a 401 carrying {@code WWW-Authenticate} (every runtime 401 does) loses
 * its problem+json body to the JDK's authentication handling.
 */
final class RuntimeHttp {
    /** A catalog at GitHub scale is about 7 MB; an answer past this bound is refused, not buffered. */
    static final int MAX_BODY = 128 * 1024 * 1024;
    /** How much is read between two looks at the request's deadline. */
    private static final int CHUNK = 64 * 1024;

    static {
        // the JDK would otherwise send a POST again once when reading its answer fails
        System.setProperty("sun.net.http.retryPost", "false");
    }

    private RuntimeHttp() {
    }

    /** A request: method, URI, headers (set, not added), an optional body, and how long to wait for the answer (null: no bound). */
    static final class Request {
        final String method;
        final URI uri;
        final Map<String, String> headers = new LinkedHashMap<>();
        final byte[] body;
        Duration timeout;
        NdjsonLines lines;

        private Request(String method, URI uri, byte[] body) {
            this.method = method;
            this.uri = uri;
            this.body = body;
        }

        static Request get(URI uri) {
            return new Request("GET", uri, null);
        }

        static Request post(URI uri, byte[] body) {
            return new Request("POST", uri, body);
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** A 2xx answer's body is also handed to {@code lines} as it arrives (the whole body is still answered). */
        Request lines(NdjsonLines lines) {
            this.lines = lines;
            return this;
        }
    }

    /** A whole answer. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    /** An answer whose body is still to be read (a stream of events); the caller closes it. */
    record Opened(int status, InputStream body) {
    }

    /**
     * The request reached the runtime but its answer is unusable: none came in time (the runtime
     * may still be doing it) or it is too large. Never a reason to send the request again.
     */
    static final class AnswerFailed extends IOException {
        AnswerFailed(String message) {
            super(message);
        }
    }

    /**
     * The request was sent whole, then the connection failed (reset, closed) before a complete
     * answer: the runtime may have carried it out. An idempotent call may still be sent again.
     */
    static final class Unanswered extends IOException {
        Unanswered(IOException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    /**
     * Sends the request and reads its whole answer. The request's timeout bounds each wait for data
     * and the whole answer too: a runtime that sends a byte now and then never holds ocli past it.
     */
    static Response send(Request request, Duration connectTimeout) throws IOException {
        long started = System.nanoTime();
        HttpURLConnection connection = connect(request, connectTimeout);
        try (InputStream in = body(connection, awaitStatus(connection))) {
            int status = connection.getResponseCode();
            if (connection.getContentLengthLong() > MAX_BODY) throw tooLarge();
            NdjsonLines tap = status / 100 == 2 ? request.lines : null;
            return new Response(status, connection.getHeaderFields(), readBounded(in, request, started, tap));
        } catch (SocketTimeoutException e) {
            throw noAnswer(request);
        } catch (AnswerFailed e) {
            throw e;
        } catch (IOException e) {
            throw new Unanswered(e);
        } finally {
            connection.disconnect();
        }
    }

    static Opened open(Request request, Duration connectTimeout) throws IOException {
        HttpURLConnection connection = connect(request, connectTimeout);
        int status = awaitStatus(connection);
        InputStream in = body(connection, status);
        return new Opened(status, in == null ? InputStream.nullInputStream() : in);
    }

    private static HttpURLConnection connect(Request request, Duration connectTimeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) request.uri.toURL().openConnection();
        CallAbort.onAbort(connection::disconnect); // closes the socket: a blocked read fails, the runtime sees its client go
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout((int) connectTimeout.toMillis());
        connection.setReadTimeout(request.timeout == null ? 0 : (int) Math.min(Integer.MAX_VALUE, request.timeout.toMillis()));
        connection.setRequestMethod(request.method);
        request.headers.forEach(connection::setRequestProperty);
        if (request.body != null) connection.setDoOutput(true);
        connection.connect();
        if (request.body != null) {
            try (var out = connection.getOutputStream()) {
                out.write(request.body);
            }
        }
        return connection;
    }

    private static int awaitStatus(HttpURLConnection connection) throws IOException {
        try {
            return connection.getResponseCode();
        } catch (SocketTimeoutException e) {
            throw new AnswerFailed("no answer in time");
        }
    }

    private static AnswerFailed noAnswer(Request request) {
        return new AnswerFailed(request.timeout == null ? "no answer in time" : "no complete answer within " + request.timeout.toSeconds() + " s");
    }

    private static AnswerFailed tooLarge() {
        return new AnswerFailed("its answer is larger than " + (MAX_BODY >> 20) + " MiB");
    }

    /** The answer's body stream: the error stream for 4xx/5xx (null when there is none). */
    private static InputStream body(HttpURLConnection connection, int status) throws IOException {
        return status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    }

    /** The body, read in chunks; the request's deadline is looked at after every read (each is bounded by the read timeout). */
    private static byte[] readBounded(InputStream in, Request request, long startedNanos, NdjsonLines tap) throws IOException {
        if (in == null) return new byte[0];
        if (tap != null) tap.restart();
        List<byte[]> chunks = new ArrayList<>();
        int total = 0;
        byte[] chunk = new byte[CHUNK];
        int filled = 0;
        for (int n; (n = in.read(chunk, filled, CHUNK - filled)) != -1;) {
            if (n > MAX_BODY - total) throw tooLarge();
            if (tap != null) tap.accept(chunk, filled, n);
            total += n;
            filled += n;
            if (filled == CHUNK) {
                chunks.add(chunk);
                chunk = new byte[CHUNK];
                filled = 0;
            }
            if (request.timeout != null && System.nanoTime() - startedNanos > request.timeout.toNanos()) throw noAnswer(request);
        }
        chunks.add(Arrays.copyOf(chunk, filled));
        byte[] bytes = new byte[total];
        int at = 0;
        for (byte[] part : chunks) {
            System.arraycopy(part, 0, bytes, at, part.length);
            at += part.length;
        }
        return bytes;
    }
}
