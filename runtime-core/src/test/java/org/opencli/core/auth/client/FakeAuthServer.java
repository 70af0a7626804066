package org.opencli.core.auth.client;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencli.core.json.Json;

/**
 * A small but real OAuth 2 authorization server on loopback (JDK HttpServer): discovery, an
 * authorization endpoint that redirects to the client's redirect_uri, a token endpoint (client
 * credentials with Basic auth, authorization code with PKCE S256 verification, refresh, device
 * code with a scripted pending/slow_down sequence), a device authorization endpoint and RFC 7009
 * revocation. Tokens are unsigned JWTs carrying sub, scope and (id tokens) nonce.
 */
public final class FakeAuthServer implements AutoCloseable {
    public static final String CLIENT_ID = "ocli-ci";
    public static final String CLIENT_SECRET = "ocli-ci-secret";

    private final HttpServer server;
    public final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    public final List<String> revoked = new CopyOnWriteArrayList<>();
    final Deque<String> deviceAnswers = new ArrayDeque<>();
    public final AtomicInteger issued = new AtomicInteger();
    volatile long expiresIn = 300;
    public volatile boolean tamperState;
    volatile boolean tamperNonce;
    volatile boolean issueRefreshTokens = true;
    private volatile String codeChallenge;
    private volatile String nonce;
    private volatile String redirectUri;

    public FakeAuthServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/device", this::device);
        server.createContext("/revoke", this::revoke);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    ClientEndpoints endpoints(String clientId, String clientSecret) {
        return new ClientEndpoints(url(), url() + "/authorize", url() + "/token", url() + "/device", url() + "/revoke",
                clientId, clientSecret, List.of("audit:read"), "oclird");
    }

    private void discovery(HttpExchange ex) throws IOException {
        json(ex, 200, Map.of("issuer", url(), "authorization_endpoint", url() + "/authorize",
                "token_endpoint", url() + "/token", "device_authorization_endpoint", url() + "/device",
                "revocation_endpoint", url() + "/revoke"));
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        codeChallenge = q.get("code_challenge");
        nonce = q.get("nonce");
        redirectUri = q.get("redirect_uri");
        if (!"S256".equals(q.get("code_challenge_method")) || !"code".equals(q.get("response_type"))) {
            ex.sendResponseHeaders(400, -1);
            ex.close();
            return;
        }
        String state = tamperState ? "forged" : q.get("state");
        ex.getResponseHeaders().set("Location", redirectUri + "?code=the-code&state=" + state);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) f.put("basic", new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8));
        tokenRequests.add(f);
        switch (f.getOrDefault("grant_type", "")) {
            case "client_credentials" -> {
                if (!(CLIENT_ID + ":" + CLIENT_SECRET).equals(f.get("basic"))) {
                    json(ex, 401, Map.of("error", "invalid_client"));
                    return;
                }
                tokens(ex, CLIENT_ID, f.get("scope"), false, false);
            }
            case "authorization_code" -> {
                String verifier = f.getOrDefault("code_verifier", "");
                boolean pkceOk = s256(verifier).equals(codeChallenge);
                if (!"the-code".equals(f.get("code")) || !pkceOk || !String.valueOf(redirectUri).equals(f.get("redirect_uri"))) {
                    json(ex, 400, Map.of("error", "invalid_grant"));
                    return;
                }
                tokens(ex, "alice", "openid audit:read", true, true);
            }
            case "refresh_token" -> {
                if (revoked.contains(f.get("refresh_token")) || !String.valueOf(f.get("refresh_token")).startsWith("refresh-")) {
                    json(ex, 400, Map.of("error", "invalid_grant"));
                    return;
                }
                tokens(ex, "alice", "audit:read", issueRefreshTokens, false);
            }
            case "urn:ietf:params:oauth:grant-type:device_code" -> {
                String next;
                synchronized (deviceAnswers) {
                    next = deviceAnswers.isEmpty() ? "ok" : deviceAnswers.poll();
                }
                if (next.equals("ok")) tokens(ex, "alice", "audit:read", true, false);
                else json(ex, 400, Map.of("error", next));
            }
            default -> json(ex, 400, Map.of("error", "unsupported_grant_type"));
        }
    }

    private void tokens(HttpExchange ex, String subject, String scope, boolean refresh, boolean idToken) throws IOException {
        int n = issued.incrementAndGet();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", jwt(new JWTClaimsSet.Builder().subject(subject).claim("preferred_username", subject)
                .claim("scope", scope == null ? "" : scope).jwtID("at-" + n).build()));
        body.put("token_type", "Bearer");
        body.put("expires_in", expiresIn);
        if (scope != null) body.put("scope", scope);
        if (refresh) body.put("refresh_token", "refresh-" + n);
        if (idToken) body.put("id_token", jwt(new JWTClaimsSet.Builder().subject(subject).claim("nonce", tamperNonce ? "replayed" : nonce).build()));
        json(ex, 200, body);
    }

    private void device(HttpExchange ex) throws IOException {
        json(ex, 200, Map.of("device_code", "dev-123", "user_code", "WDJB-MJHT", "verification_uri", url() + "/activate",
                "verification_uri_complete", url() + "/activate?user_code=WDJB-MJHT", "expires_in", 600, "interval", 1));
    }

    private void revoke(HttpExchange ex) throws IOException {
        Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        revoked.add(f.get("token"));
        ex.sendResponseHeaders(200, -1);
        ex.close();
    }

    private static String jwt(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    static String s256(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int i = pair.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8);
            out.put(k, i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = Json.writeBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    URI base() {
        return URI.create(url());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
