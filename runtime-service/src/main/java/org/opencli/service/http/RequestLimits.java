package org.opencli.service.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencli.core.error.Problem;
import org.opencli.core.json.Json;
import org.opencli.service.engine.OclirdSettings;

/**
 * The first route of every request: a request target, header block or declared body over the
 * daemon's limits is answered here as problem+json (414 {@code uri_too_long}, 431
 * {@code headers_too_large}, 413 {@code request_too_large}, 411 {@code length_required} for a
 * body without a declared length), and so is a request target that is not a URI (400
 * {@code bad_request}), before Quarkus' own body-size check or
 * any endpoint runs. The HTTP codec's hard ceilings ({@code quarkus.http.limits.max-initial-line-length},
 * {@code max-header-size}) sit above these limits: only a request past a ceiling meets Vert.x's
 * bare status (Quarkus does not let applications render those) — see docs/security.md#input-limits.
 */
@ApplicationScoped
public class RequestLimits {
    /**
     * Before Quarkus Security's authentication and authorization filters (route orders -200 and -100:
     * a filter's order is minus its {@link SecurityHandlerPriorities priority}) and Quarkus' upload
     * limit ({@link RouteConstants#ROUTE_ORDER_UPLOAD_LIMIT}): an oversized request is refused before
     * any token is validated.
     */
    static final int ORDER = -SecurityHandlerPriorities.CORS - 100;

    /**
     * The system property that turns off Quarkus' check of the request target, made before any route
     * (VertxHttpRecorder: a target {@code java.net.URI} does not parse, e.g. one with a raw backslash, is
     * answered 400 with no body, and no application hook sees it). It is read once, when Quarkus'
     * HTTP recorder is loaded, so {@code OclirdMain} sets it before Quarkus starts (and the tests'
     * JVM, runtime-service/pom.xml); {@link #check} makes the same check and answers a problem.
     */
    public static final String QUARKUS_URI_CHECK_OFF = "vertx.disableURIValidation";

    @Inject
    OclirdSettings settings;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        int maxUri = settings.http().maxUriLength();
        if (request.uri().length() > maxUri) {
            refuse(rc, Problem.of("uri_too_long", "URI Too Long", 414,
                    "the request target is longer than " + maxUri + " bytes"), false);
            return;
        }
        if (!isUri(request.uri())) {
            // Quarkus' own check (switched off, see QUARKUS_URI_CHECK_OFF) answered these with a bare 400
            refuse(rc, Problem.of("bad_request", "Bad Request", 400,
                    "the request target is not a valid URI (RFC 3986): a character in it must be percent-encoded"), false);
            return;
        }
        int maxHeaders = settings.http().maxHeaderBytes();
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > maxHeaders) {
            refuse(rc, Problem.of("headers_too_large", "Request Header Fields Too Large", 431,
                    "the request headers are larger than " + maxHeaders + " bytes"), false);
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length == null && hasStreamedBody(request)) {
            // a body of unknown length could only be cut off mid-way (and Quarkus then answers a bare
            // 413); every client of this API knows its body's length up front
            refuse(rc, Problem.of("length_required", "Length Required", 411,
                    "a request body needs a Content-Length header (chunked bodies are not accepted)"), true);
            return;
        }
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared < 0) {
                refuse(rc, Problem.of("bad_request", "Bad Request", 400, "Content-Length is not a whole number"), true);
                return;
            }
            if (declared > maxBodySize.asLongValue()) {
                refuse(rc, Problem.of("request_too_large", "Content Too Large", 413,
                        "the request body is larger than " + maxBodySize.asLongValue() + " bytes"), true);
                return;
            }
        }
        rc.next();
    }

    /** The check Quarkus makes before routing (a target {@link URI} parses), made here so its refusal is a problem. */
    private static boolean isUri(String target) {
        if (target == null) return false;
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** HTTP/1.1 chunked, or an HTTP/2 request that may carry data frames without a declared length. */
    private static boolean hasStreamedBody(HttpServerRequest request) {
        if (request.getHeader("Transfer-Encoding") != null) return true;
        boolean mayHaveBody = request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT
                || request.method() == HttpMethod.PATCH;
        return mayHaveBody && request.version() == HttpVersion.HTTP_2;
    }

    /**
     * With an unread body an HTTP/1.1 connection cannot be reused (the body's bytes would be read as
     * the next request): it is closed once the answer is written.
     */
    private static void refuse(RoutingContext rc, Problem problem, boolean close) {
        boolean closeAfter = close && rc.request().version() != HttpVersion.HTTP_2;
        var response = rc.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (closeAfter) response.putHeader("Connection", "close");
        response.end(Buffer.buffer(Json.writeBytes(problem))).onComplete(done -> {
            if (closeAfter) rc.request().connection().close();
        });
    }
}
