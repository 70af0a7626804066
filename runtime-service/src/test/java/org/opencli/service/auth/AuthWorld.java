package org.opencli.service.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The world an auth-enabled daemon runs in for tests: a JWKS endpoint and a counting upstream on
 * loopback, keys generated per run, and a daemon config with {@code runtime.server.auth} pointing
 * at them. Quarkus starts it before the app and stops it after the test class.
 */
public class AuthWorld implements QuarkusTestResourceLifecycleManager {
    public static final String ISSUER = "https://idp.test/realms/corp";
    public static final String AUDIENCE = "oclird";

    static RSAKey key;
    static HttpServer idp;
    static HttpServer upstream;
    static final AtomicInteger upstreamRequests = new AtomicInteger();
    static Path dir;
    static Path config;
    static Path auditLog;
    static Path logFile;
    /** Extra keys for the config's runtime.server.auth block (a profile's init argument {@value #AUTH_EXTRA}). */
    static final String AUTH_EXTRA = "authExtra";
    /** Extra top-level keys for the config (a profile's init argument {@value #CONFIG_EXTRA}), e.g. a policy. */
    public static final String CONFIG_EXTRA = "configExtra";
    /** Where the config says the keys are, instead of this world's JWKS endpoint (a profile's init argument {@value #JWKS_URL}). */
    static final String JWKS_URL = "jwksUrl";
    private String authExtra = "";
    private String configExtra = "";
    private String jwksUrl;

    @Override
    public void init(Map<String, String> initArgs) {
        authExtra = initArgs.getOrDefault(AUTH_EXTRA, "");
        configExtra = initArgs.getOrDefault(CONFIG_EXTRA, "");
        jwksUrl = initArgs.get(JWKS_URL);
    }

    @Override
    public Map<String, String> start() {
        try {
            key = new RSAKeyGenerator(2048).keyID("corp-1").generate();
            String jwks = new JWKSet(key).toPublicJWKSet().toString();
            idp = serve("/realms/corp/certs", jwks, null);
            upstream = serve("/api/", "{\"tickets\": []}", upstreamRequests);
            dir = Files.createTempDirectory("oclird-auth");
            String base = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/api";
            Path svc = Path.of("src/test/resources/svc");
            Files.writeString(dir.resolve("helpdesk.openapi.yaml"),
                    Files.readString(svc.resolve("helpdesk.openapi.yaml")).replace("http://127.0.0.1:9/api", base));
            Files.copy(svc.resolve("helpdesk.arazzo.yaml"), dir.resolve("helpdesk.arazzo.yaml"));
            config = dir.resolve(".cli.json");
            Files.writeString(config, """
                    {
                      "cli": "1.0.0",
                      "mode": { "default": "discover" },
                      "sources": { "helpdeskApi": { "type": "openapi", "uri": "./helpdesk.openapi.yaml" } },
                      "services": { "helpdesk": { "source": "helpdeskApi", "workflows": ["./helpdesk.arazzo.yaml"] } },
                      "curation": { "toolSets": { "readers": { "allow": ["helpdesk:get*"], "deny": ["**"] } } },
                      "agents": { "profiles": { "reader": { "mode": "curated", "toolSet": "readers" } } },%s
                      "runtime": { "server": { "auth": {
                        "validationProfile": "oidc_jwks",
                        "issuer": "%s",
                        "jwksURL": "%s",
                        "audience": "%s",
                        "authorizationURL": "https://idp.test/realms/corp/protocol/openid-connect/auth",
                        "tokenURL": "https://idp.test/realms/corp/protocol/openid-connect/token",
                        "deviceAuthorizationURL": "https://idp.test/realms/corp/protocol/openid-connect/auth/device",
                        "revocationURL": "https://idp.test/realms/corp/protocol/openid-connect/revoke",
                        "browserClientId": "ocli"%s
                      } } }
                    }
                    """.formatted(configExtra, ISSUER, jwksUrl != null ? jwksUrl : "http://127.0.0.1:" + idp.getAddress().getPort() + "/realms/corp/certs", AUDIENCE,
                    authExtra));
            auditLog = dir.resolve("audit.log");
            logFile = dir.resolve("oclird.log");
            return Map.ofEntries(
                    Map.entry("oclird.config", config.toString()),
                    Map.entry("oclird.state-dir", dir.resolve("state").toString()),
                    Map.entry("oclird.audit-path", auditLog.toString()),
                    Map.entry("oclird.instance-id", "auth-tests"),
                    Map.entry("oclird.runtime-mode", "remote"),
                    Map.entry("quarkus.log.file.enabled", "true"),
                    Map.entry("quarkus.log.file.path", logFile.toString()),
                    // the daemon's own code, its HTTP layer and the JOSE library log at DEBUG into the checked file
                    // (not the root logger: the test's HTTP client in this JVM would log the tokens it sends)
                    Map.entry("quarkus.log.category.\"org.opencli\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"io.quarkus.vertx.http\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"io.quarkus.resteasy.reactive\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"org.jboss.resteasy.reactive\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"org.jose4j\".level", "DEBUG"));
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (idp != null) idp.stop(0);
        if (upstream != null) upstream.stop(0);
        if (dir != null) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp directory is harmless
            }
        }
    }

    private static HttpServer serve(String prefix, String json, AtomicInteger counter) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(prefix, ex -> {
            if (counter != null) counter.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return server;
    }

    static JWTClaimsSet.Builder claims(String subject, String scope) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .claim("preferred_username", subject).claim("azp", "ocli-ci").claim("scope", scope)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    static String token(String subject, String scope) {
        return sign(claims(subject, scope).build());
    }

    static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    static List<String> auditLines() {
        try {
            return Files.exists(auditLog) ? Files.readAllLines(auditLog) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
