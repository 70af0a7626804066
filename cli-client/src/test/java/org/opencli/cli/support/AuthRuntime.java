package org.opencli.cli.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runtime with auth on, plus its identity provider, on one loopback port. The runtime part
 * ({@code /v1/...}) checks the bearer header: tokens this IdP issued (or {@link #accept}ed ones) pass,
 * {@link #refuse} maps a token to a 401/403 problem as oclird answers it, anything else is 401
 * {@code malformed}; a missing header is 401 {@code missing}. {@code /v1/auth/browser-config} needs no
 * token. The IdP part ({@code /idp/...}) issues unsigned JWTs for client credentials (Basic
 * {@code ocli-ci:ocli-ci-secret}) and the device flow, and records revocations.
 */
public final class AuthRuntime implements AutoCloseable {
    private final HttpServer server;
    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final Map<String, String[]> refusals = new ConcurrentHashMap<>();
    public final List<String> authorizationHeaders = new CopyOnWriteArrayList<>();
    public final List<String> grants = new CopyOnWriteArrayList<>();
    public final List<String> revoked = new CopyOnWriteArrayList<>();
    /** Each RFC 8693 token exchange's form (subject and actor tokens included, for the test to compare). */
    public final List<Map<String, String>> exchanges = new CopyOnWriteArrayList<>();
    /** User tokens the token exchange accepts as subject tokens. */
    public final java.util.Set<String> userTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();

    public AuthRuntime() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/auth/browser-config", ex -> send(ex, 200, "application/json", """
                {"tokenURL": "%1$s/idp/token", "deviceAuthorizationURL": "%1$s/idp/device", "revocationURL": "%1$s/idp/revoke",
                 "authorizationURL": "%1$s/idp/authorize", "clientId": "ocli", "audience": "oclird", "required": true}
                """.formatted(url())));
        server.createContext("/v1/catalog/effective", ex -> guarded(ex, FakeRuntime.CATALOG));
        server.createContext("/v1/runtime/info", ex -> guarded(ex, FakeRuntime.INFO));
        server.createContext("/idp/token", this::token);
        server.createContext("/idp/authorize", this::authorize);
        server.createContext("/idp/device", ex -> send(ex, 200, "application/json", """
                {"device_code": "dev-1", "user_code": "ABCD-EFGH", "verification_uri": "%1$s/idp/activate",
                 "verification_uri_complete": "%1$s/idp/activate?user_code=ABCD-EFGH", "expires_in": 600, "interval": 1}
                """.formatted(url())));
        server.createContext("/idp/revoke", ex -> {
            revoked.add(form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).get("token"));
            send(ex, 200, "application/json", "");
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void accept(String token) {
        valid.add(token);
    }

    /** The runtime answers {@code token} with this problem: 401 + reason, or 403 + requiredScope. */
    public void refuse(String token, int status, String reasonOrScope) {
        refusals.put(token, new String[] {String.valueOf(status), reasonOrScope});
    }

    private void guarded(HttpExchange ex, String body) throws IOException {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        authorizationHeaders.add(String.valueOf(header));
        if (header == null || !header.startsWith("Bearer ")) {
            unauthenticated(ex, "missing");
            return;
        }
        String token = header.substring(7);
        String[] refusal = refusals.get(token);
        if (refusal != null && refusal[0].equals("403")) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + refusal[1] + "\"");
            send(ex, 403, "application/problem+json", """
                    {"type": "urn:open-cli:problem:insufficient_scope", "title": "Insufficient scope", "status": 403,
                     "detail": "the token does not grant this tool", "code": "insufficient_scope", "requiredScope": "%s"}
                    """.formatted(refusal[1]));
        } else if (refusal != null) {
            unauthenticated(ex, refusal[1]);
        } else if (valid.contains(token)) {
            send(ex, 200, "application/json", body);
        } else {
            unauthenticated(ex, "malformed");
        }
    }

    private void unauthenticated(HttpExchange ex, String reason) throws IOException {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"oclird\"" + (reason.equals("missing") ? "" : ", error=\"invalid_token\""));
        send(ex, 401, "application/problem+json", """
                {"type": "urn:open-cli:problem:unauthenticated", "title": "Unauthenticated", "status": 401,
                 "detail": "bearer token refused", "code": "unauthenticated", "reason": "%s"}
                """.formatted(reason));
    }

    private volatile String challenge;
    private volatile String redirect;
    public volatile String nonce;

    /** The "login page" is skipped: the authorization endpoint redirects straight back with a code. */
    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        challenge = q.get("code_challenge");
        redirect = q.get("redirect_uri");
        nonce = q.get("nonce");
        ex.getResponseHeaders().set("Location", redirect + "?code=c-1&state=" + q.get("state"));
        send(ex, 302, "text/plain", "");
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String grant = f.getOrDefault("grant_type", "");
        grants.add(grant);
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        String subject;
        if (grant.equals("urn:ietf:params:oauth:grant-type:token-exchange")) {
            exchanges.add(f);
            String expected = "Basic " + Base64.getEncoder().encodeToString("agent:agent-secret".getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(basic)) {
                send(ex, 401, "application/json", "{\"error\": \"invalid_client\"}");
                return;
            }
            if (!userTokens.contains(f.get("subject_token"))) {
                // an IdP that quotes what it was sent: ocli must not repeat it
                send(ex, 400, "application/json", "{\"error\": \"invalid_grant\", \"error_description\": \"subject token "
                        + f.get("subject_token") + " is not valid\"}");
                return;
            }
            int n = issued.incrementAndGet();
            String access = jwt("alice", "bundle:upstream", n);
            valid.add(access);
            send(ex, 200, "application/json", "{\"access_token\": \"" + access + "\", \"token_type\": \"Bearer\", \"expires_in\": 300,"
                    + " \"issued_token_type\": \"urn:ietf:params:oauth:token-type:access_token\"}");
            return;
        }
        if (grant.equals("client_credentials")) {
            String expected = "Basic " + Base64.getEncoder().encodeToString("ocli-ci:ocli-ci-secret".getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(basic)) {
                send(ex, 401, "application/json", "{\"error\": \"invalid_client\"}");
                return;
            }
            subject = "ocli-ci";
        } else
            if (grant.equals("authorization_code") && "c-1".equals(f.get("code"))
                    && s256(f.getOrDefault("code_verifier", "")).equals(challenge) && String.valueOf(redirect).equals(f.get("redirect_uri"))) {
                        subject = "alice";
                    } else
                if (grant.equals("urn:ietf:params:oauth:grant-type:device_code") && "dev-1".equals(f.get("device_code"))
                        || grant.equals("refresh_token") && !revoked.contains(f.get("refresh_token"))) {
                            subject = "alice";
                        } else {
                            send(ex, 400, "application/json", "{\"error\": \"invalid_grant\"}");
                            return;
                        }
        int n = issued.incrementAndGet();
        String access = jwt(subject, "audit:read bundle:upstream", n);
        valid.add(access);
        Map<String, Object> body = new LinkedHashMap<>();
        String refresh = subject.equals("alice") ? "refresh-" + n : null;
        send(ex, 200, "application/json", "{\"access_token\": \"" + access + "\", \"token_type\": \"Bearer\", \"expires_in\": 300"
                + ", \"scope\": \"audit:read bundle:upstream\"" + (refresh == null ? "" : ", \"refresh_token\": \"" + refresh + "\"") + "}");
    }

    private static String jwt(String subject, String scope, int n) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"preferred_username\":\"" + subject
                + "\",\"scope\":\"" + scope + "\",\"jti\":\"t" + n + "\"}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int i = pair.indexOf('=');
            out.put(URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8),
                    i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
