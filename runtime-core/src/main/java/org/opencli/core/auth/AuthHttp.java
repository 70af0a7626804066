package org.opencli.core.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.io.CappedBody;

/**
 * The runtime's own calls to its identity provider (JWKS, introspection). Blocking and bounded: the
 * whole exchange, body included, within {@link #TIMEOUT} (a request timeout alone stops counting
 * once the headers arrived), the body at most {@link #MAX_BODY_BYTES}. Any failure to reach the
 * IdP is {@code auth_unavailable} (502) so the request is refused, never let through. Messages name
 * the endpoint, never a token or secret.
 */
final class AuthHttp {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A JWKS or introspection answer is a few KiB; 1 MiB leaves room for many keys and certificates. */
    static final long MAX_BODY_BYTES = 1024 * 1024;

    private final HttpClient client;
    private final Duration timeout;
    private final long maxBodyBytes;

    AuthHttp() {
        this(TIMEOUT, MAX_BODY_BYTES);
    }

    AuthHttp(Duration timeout, long maxBodyBytes) {
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    String send(HttpRequest.Builder request, String what, URI uri) {
        CappedBody.Handler body = new CappedBody.Handler(maxBodyBytes);
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request.timeout(timeout).build(), body);
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            body.cancel();
            exchange.cancel(true);
            throw unavailable(what + " at " + uri + " did not answer within " + seconds(timeout), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof CappedBody.TooLarge) {
                throw unavailable(what + " at " + uri + " answered more than " + maxBodyBytes + " bytes", cause);
            }
            throw unavailable(what + " at " + uri + " could not be reached (" + cause.getClass().getSimpleName() + ")", cause);
        } catch (InterruptedException e) {
            body.cancel();
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(what + " at " + uri + " was interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw unavailable(what + " at " + uri + " answered HTTP " + response.statusCode(), null);
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static OcliException unavailable(String detail, Throwable cause) {
        return new OcliException(ErrorKind.UPSTREAM, "auth_unavailable", "Identity provider unavailable",
                detail + "; the request was refused", java.util.List.of(), cause);
    }
}
