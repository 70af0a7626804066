package org.opencli.fleet.oidcprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.opencli.fleet.Processes;

/**
 * A second, independent OpenID provider for the identity lanes: panva's {@code oidc-provider}
 * (npm, installed by {@code make oidc-provider} under {@code target/oidc-npm}) run by node with
 * {@code fleet-tests/fixtures/oidc-provider/provider.mjs} and a {@link ProviderSetup}, on an
 * ephemeral loopback port it reports. Close it to stop it; it also stops by itself when this JVM
 * goes (it exits when its stdin closes). Its output goes to {@code <dir>/oidc-provider.log}.
 */
public final class OidcProviderFixture implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("oidc-provider listening on (\\d+)");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String origin;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private OidcProviderFixture(Process process, String origin, Path log) {
        this.process = process;
        this.origin = origin;
        this.log = log;
    }

    /** Starts the provider for {@code setup}, its config and log in {@code dir}; fails naming {@code make oidc-provider} when it is not installed. */
    public static OidcProviderFixture start(Path repoRoot, Path dir, ProviderSetup setup) throws IOException, InterruptedException {
        Path npm = repoRoot.resolve("target/oidc-npm").toAbsolutePath();
        if (!Files.isRegularFile(npm.resolve("node_modules/oidc-provider/package.json"))) {
            throw new IllegalStateException("oidc-provider is not installed under " + npm + ": run `make oidc-provider`");
        }
        Files.createDirectories(dir);
        Path config = dir.resolve("oidc-provider.json");
        Files.writeString(config, setup.json());
        Path log = dir.resolve("oidc-provider.log");
        ProcessBuilder builder = new ProcessBuilder("node", repoRoot.resolve("fleet-tests/fixtures/oidc-provider/provider.mjs").toString(),
                config.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OIDC_PROVIDER_NPM", npm.toString());
        Process process = builder.start();
        Instant deadline = Instant.now().plus(STARTUP);
        try {
            while (Instant.now().isBefore(deadline)) {
                Matcher m = LISTENING.matcher(Files.readString(log));
                if (m.find()) return new OidcProviderFixture(process, "http://127.0.0.1:" + m.group(1), log);
                if (!process.isAlive()) break;
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            Processes.stop(process);
            throw e;
        }
        Processes.stop(process);
        throw new IllegalStateException("oidc-provider did not start within " + STARTUP + ": " + Files.readString(log).strip());
    }

    /** {@code http://127.0.0.1:<port>}: the issuers are paths below it. */
    public String origin() {
        return origin;
    }

    public Path log() {
        return log;
    }

    /** Every issuer's signing keys (Entra's {@code /common/discovery/v2.0/keys} shape). */
    public String commonJwksUri() {
        return origin + ProviderSetup.KEYS_PATH;
    }

    /** The issuer's discovery document. */
    public JsonNode discovery(String issuer) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base(issuer) + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException("discovery of " + issuer + " answered " + response.statusCode());
        return JSON.readTree(response.body());
    }

    public String tokenEndpoint(String issuer) {
        return base(issuer) + "/token";
    }

    public String authorizationEndpoint(String issuer) {
        return base(issuer) + "/auth";
    }

    public String deviceEndpoint(String issuer) {
        return base(issuer) + "/device/auth";
    }

    public String revocationEndpoint(String issuer) {
        return base(issuer) + "/token/revocation";
    }

    public String jwksUri(String issuer) {
        return base(issuer) + "/jwks";
    }

    /** The whole token response of a client-credentials grant (client_secret_basic) at {@code issuer}; a refusal becomes an error. */
    public JsonNode clientCredentials(String issuer, String clientId, String secret, String scope) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null) form.put("scope", scope);
        HttpResponse<String> response = token(issuer, clientId, secret, form);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("client credentials at " + issuer + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * A raw RFC 8693 token exchange at {@code issuer} as {@code clientId} (client_secret_basic):
     * {@code form} holds everything but {@code grant_type}; the answer as the provider gave it, so a
     * lane can look at its refusals.
     */
    public HttpResponse<String> tokenExchange(String issuer, String clientId, String secret, Map<String, String> form)
            throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("grant_type", ProviderSetup.TOKEN_EXCHANGE);
        all.putAll(form);
        return token(issuer, clientId, secret, all);
    }

    private HttpResponse<String> token(String issuer, String clientId, String secret, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint(issuer)))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A JWT's payload, decoded without verification (for lanes to look at what the provider issued). */
    public static JsonNode payload(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) throw new IllegalArgumentException("not a compact JWT");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    @Override
    public void close() {
        Processes.stop(process);
    }

    private static String base(String issuer) {
        return issuer.replaceAll("/+$", "");
    }
}
