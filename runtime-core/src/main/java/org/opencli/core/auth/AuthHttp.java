package org.opencli.core.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * The runtime's own calls to its identity provider (JWKS, introspection). Blocking, with short
 * timeouts; any failure to reach the IdP is {@code auth_unavailable} (502) so the request is refused,
 * never let through. Messages name the endpoint, never a token or secret.
 */
final class AuthHttp {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    String send(HttpRequest.Builder request, String what, URI uri) {
        HttpResponse<String> response;
        try {
            response = client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable(what + " at " + uri + " could not be reached (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what + " at " + uri + " was interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw unavailable(what + " at " + uri + " answered HTTP " + response.statusCode(), null);
        }
        return response.body();
    }

    static OcliException unavailable(String detail, Throwable cause) {
        return new OcliException(ErrorKind.UPSTREAM, "auth_unavailable", "Identity provider unavailable",
                detail + "; the request was refused", java.util.List.of(), cause);
    }
}
