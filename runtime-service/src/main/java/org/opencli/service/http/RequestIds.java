package org.opencli.service.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * {@code X-Request-Id}, ahead of every other route: the caller's id when it is a safe token (letters,
 * digits, {@code . _ : -}, at most 128 characters), so clients can find their records; otherwise a
 * fresh UUID. Either way it is echoed in the response's {@code X-Request-Id} and carried by the
 * request's audit records, its server span ({@code ocli.request_id}) and its log lines (MDC
 * {@code requestId}). {@code X-Ocli-Session} is read alike, but never invented.
 */
@ApplicationScoped
public class RequestIds {
    public static final String REQUEST_ID = "X-Request-Id";
    public static final String SESSION_ID = "X-Ocli-Session";
    /** Before {@link RequestLimits}, so its refusals carry the id too. */
    static final int ORDER = RequestLimits.ORDER - 10;

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String KEY = "ocli.requestId";

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(RequestIds::assign);
    }

    private static void assign(RoutingContext rc) {
        String id = requestId(rc.request().getHeader(REQUEST_ID));
        rc.put(KEY, id);
        rc.response().putHeader(REQUEST_ID, id);
        org.opencli.service.observe.RequestCorrelation.mark(id);
        rc.next();
    }

    /** This request's id (assigned by the first route; minted here should a request arrive without it). */
    public static String of(RoutingContext rc) {
        String id = rc.get(KEY);
        if (id == null) {
            id = requestId(rc.request().getHeader(REQUEST_ID));
            rc.put(KEY, id);
        }
        return id;
    }

    /** This request's {@code X-Ocli-Session} when it is a safe token, else null. */
    public static String sessionOf(RoutingContext rc) {
        return sessionId(rc.request().getHeader(SESSION_ID));
    }

    /** A session id is the caller's grouping: a safe token or none. */
    static String sessionId(String offered) {
        return offered != null && SAFE_ID.matcher(offered).matches() ? offered : null;
    }

    static String requestId(String offered) {
        return offered != null && SAFE_ID.matcher(offered).matches() ? offered : randomUuid();
    }

    /**
     * A version 4 UUID from {@link ThreadLocalRandom}: a request id correlates records, it grants
     * nothing, so it needs no {@code SecureRandom} (whose draw showed in the execute path's profile).
     */
    static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
