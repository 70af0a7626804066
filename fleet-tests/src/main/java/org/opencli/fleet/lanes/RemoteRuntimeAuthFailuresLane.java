package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.keycloak.Jwts;
import org.opencli.fleet.keycloak.KeycloakFixture;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * Every way a bearer can be wrong, each sent to {@code GET /v1/catalog/effective} of an oclird
 * trusting realm {@code corp} (clock skew 0, revocation checked by introspection on every
 * request): a 401 with the right {@code reason} and {@code WWW-Authenticate}. Before that a key
 * rotation at Keycloak, whose new-kid token the running daemon accepts. The audit keeps the reasons, never a token.
 */
public final class RemoteRuntimeAuthFailuresLane implements Lane {
    private static final String CATALOG = "/v1/catalog/effective";

    private static final int FAILURE_RECORDS = 10;

    @Override
    public void run(LaneContext ctx) throws Exception {
        KeycloakFixture kc = ctx.keycloak();
        try (TestUpstream upstream = TestUpstream.start(0)) {
            AuthRuntime rt = AuthRuntime.start(ctx, kc, upstream, "auth-failures", auth -> {
                auth.put("clockSkewSeconds", 0);
                AuthRuntime.revocationCheck(auth, kc);
                // ten records of their own per source, in a window longer than the lane: the flood at
                // the end is summarised only when the daemon shuts down
                auth.putObject("failureAudit").put("perSource", FAILURE_RECORDS).put("windowSeconds", 3600);
            }, null);
            String corp = KeycloakFixture.CORP;
            long pid = rt.daemon.process().pid();
            List<String> tokens = new ArrayList<>();
            Set<String> expectedReasons = new LinkedHashSet<>();

            String good = kc.clientCredentialsToken(corp, "ocli-ci", kc.clientSecret(corp, "ocli-ci"));
            tokens.add(good);
            accepted(ctx, rt, "a fresh ocli-ci token is accepted", good);

            // first, while no unknown kid has been seen: the JWKS re-fetch on an unknown kid is limited
            // to once per 10 s, so a rotation right after another unknown-kid token would wait that long
            String oldKid = Jwts.header(good).path("kid").asText();
            String newKid = kc.rotateKeys(corp);
            String rotated = kc.clientCredentialsToken(corp, "ocli-ci", kc.clientSecret(corp, "ocli-ci"));
            tokens.add(rotated);
            String tokenKid = Jwts.header(rotated).path("kid").asText();
            ctx.log("rotated realm corp's signing key: kid " + oldKid + " -> " + newKid + "; a new token carries kid " + tokenKid);
            ctx.check("after the rotation Keycloak signs with the new key", tokenKid.equals(newKid) && !tokenKid.equals(oldKid), tokenKid);
            accepted(ctx, rt, "the new-kid token is accepted by the running daemon (JWKS re-fetched on the unknown kid, no restart)", rotated);
            ctx.check("the daemon was not restarted", rt.daemon.process().isAlive() && rt.daemon.process().pid() == pid, "pid " + pid);

            refused(ctx, rt, "missing token", null, "missing", expectedReasons);
            refused(ctx, rt, "malformed token (not a JWT)", "not-a-jwt", "malformed", expectedReasons);

            String[] parts = good.split("\\.");
            char[] signature = parts[2].toCharArray();
            int middle = signature.length / 2;
            signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
            String tampered = parts[0] + "." + parts[1] + "." + new String(signature);
            tokens.add(tampered);
            refused(ctx, rt, "tampered signature (one character of the signature changed)", tampered, "bad_signature", expectedReasons);

            String noneHeader = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + Jwts.header(good).path("kid").asText() + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
            String unsigned = noneHeader + "." + parts[1] + ".";
            tokens.add(unsigned);
            refused(ctx, rt, "alg: none (the good token's claims, unsigned)", unsigned, "bad_signature", expectedReasons);

            String noAudience = kc.clientCredentialsToken(corp, "ocli-ci-noaud", kc.clientSecret(corp, "ocli-ci-noaud"));
            tokens.add(noAudience);
            refused(ctx, rt, "wrong audience (ocli-ci-noaud: no oclird in aud, aud " + Jwts.claims(noAudience).path("aud").toString().replace("\"\"", "absent") + ")",
                    noAudience, "wrong_audience", expectedReasons);

            String otherRealm = kc.clientCredentialsToken(KeycloakFixture.UPSTREAM, "upstream-ci",
                    kc.clientSecret(KeycloakFixture.UPSTREAM, "upstream-ci"));
            tokens.add(otherRealm);
            ctx.log("note: oclird checks the signature before any claim, so a token of realm upstream (a key the corp JWKS "
                    + "lacks, even after one re-fetch) is refused as unknown_key, not wrong_issuer");
            refused(ctx, rt, "token from the second realm (upstream-ci)", otherRealm, "unknown_key", expectedReasons);

            String revoked = kc.clientCredentialsToken(corp, "ocli-ci", kc.clientSecret(corp, "ocli-ci"));
            tokens.add(revoked);
            accepted(ctx, rt, "a second ocli-ci token is accepted before revocation", revoked);
            kc.revoke(revoked);
            ctx.log("revoked the token at Keycloak's revocation endpoint; introspection now says active="
                    + kc.introspect(corp, revoked).path("active").asBoolean());
            refused(ctx, rt, "revoked at Keycloak (revocationCheck, cacheSeconds 0)", revoked, "revoked", expectedReasons);

            String shortLived = kc.clientCredentialsToken(corp, "ocli-ci-short", kc.clientSecret(corp, "ocli-ci-short"));
            tokens.add(shortLived);
            long exp = Jwts.claims(shortLived).path("exp").asLong();
            accepted(ctx, rt, "an ocli-ci-short token (5 s lifespan) is accepted while fresh", shortLived);
            awaitPast(rt, exp);
            ctx.log("now " + Instant.now() + " is past the token's exp " + Instant.ofEpochSecond(exp));
            refused(ctx, rt, "expired (ocli-ci-short, after exp passed)", shortLived, "expired", expectedReasons);

            int refusals = 8;
            List<JsonNode> failures = AuthRuntime.ofType(
                    rt.audit(records -> AuthRuntime.ofType(records, "authn_failure").size() >= refusals), "authn_failure");
            Set<String> audited = new LinkedHashSet<>();
            failures.forEach(r -> audited.add(r.path("reasonCode").asText()));
            ctx.check("authn_failure records carry every reason", audited.containsAll(expectedReasons),
                    "audited " + audited + ", expected " + expectedReasons);
            ctx.check("one authn_failure per refusal", failures.size() == refusals, failures.size() + " records");
            String auditText = rt.auditText();
            boolean leaked = tokens.stream().anyMatch(t -> auditText.contains(t) || auditText.contains(t.split("\\.")[1]));
            ctx.check("no token (nor its claims part) appears in the audit log", !leaked, tokens.size() + " tokens scanned for");

            flood(ctx, rt, refusals);
        }
    }

    /**
     * A flood of bad tokens from this address: every request is refused, {@value #FAILURE_RECORDS}
     * refusals in all get a record each, and the rest are counted into one summary record that the
     * daemon writes when it is stopped (SIGTERM), since its window is not over yet.
     */
    private static void flood(LaneContext ctx, AuthRuntime rt, int earlier) throws Exception {
        int flood = 50;
        int refused = 0;
        for (int i = 0; i < flood; i++) {
            if (call(ctx, rt, "flood-" + i).statusCode() == 401) refused++;
        }
        ctx.check("a flood of " + flood + " malformed tokens: every request refused with 401", refused == flood, refused + " refused");
        List<JsonNode> during = AuthRuntime.ofType(rt.audit(records -> AuthRuntime.ofType(records, "authn_failure").size()
                >= FAILURE_RECORDS), "authn_failure");
        ctx.check("during the flood only " + FAILURE_RECORDS + " refusals from this address have a record of their own",
                during.size() == FAILURE_RECORDS, during.size() + " authn_failure records");
        rt.daemon.close();
        ctx.log("stopped the daemon with SIGTERM (exit " + rt.daemon.process().exitValue() + ")");
        List<JsonNode> summaries = AuthRuntime.ofType(rt.audit(), "authn_failure").stream()
                .filter(r -> "repeated_failures".equals(r.path("reasonCode").asText())).toList();
        String expected = (earlier + flood - FAILURE_RECORDS) + " further authentication failures from 127.0.0.1 ";
        ctx.check("at shutdown one summary record counts the other " + (earlier + flood - FAILURE_RECORDS) + " refusals",
                summaries.size() == 1 && summaries.get(0).path("detail").asText().startsWith(expected)
                        && summaries.get(0).path("detail").asText().endsWith(": malformed " + (earlier + flood - FAILURE_RECORDS)),
                summaries.isEmpty() ? "no summary" : summaries.get(summaries.size() - 1).path("detail").asText());
        ProcResult verify = rt.ocli(Map.of(), "audit", "verify", "--path", rt.auditFile().toString());
        ctx.check("the chain verifies after the shutdown", verify.exitCode() == 0, verify.stdout().strip());
    }

    private static HttpResponse<String> call(LaneContext ctx, AuthRuntime rt, String token) throws Exception {
        return ctx.get(rt.daemon.url() + CATALOG, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    private static void accepted(LaneContext ctx, AuthRuntime rt, String name, String token) throws Exception {
        HttpResponse<String> response = call(ctx, rt, token);
        ctx.check(name, response.statusCode() == 200, "status " + response.statusCode());
    }

    private static void refused(LaneContext ctx, AuthRuntime rt, String name, String token, String reason,
                                Set<String> expected) throws Exception {
        HttpResponse<String> response = call(ctx, rt, token);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        JsonNode problem = response.statusCode() == 401 ? ctx.json(response.body()) : null;
        ctx.log("  " + response.statusCode() + " WWW-Authenticate: " + challenge + "\n  " + response.body());
        boolean challengeRight = "missing".equals(reason)
                ? challenge.startsWith("Bearer") && !challenge.contains("error=")
                : challenge.startsWith("Bearer") && challenge.contains("error=\"invalid_token\"");
        boolean pass = problem != null && problem.path("code").asText().equals("unauthenticated")
                && problem.path("reason").asText().equals(reason) && challengeRight
                && (token == null || !response.body().contains(token));
        ctx.check(name + ": 401 reason " + reason + ", WWW-Authenticate " + ("missing".equals(reason) ? "without error" : "error=\"invalid_token\""),
                pass, response.statusCode() + " reason " + (problem == null ? "-" : problem.path("reason").asText()));
        expected.add(reason);
    }

    /** Polls the clock (the daemon's process wait as the interval) until {@code exp} has passed. */
    private static void awaitPast(AuthRuntime rt, long exp) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().getEpochSecond() <= exp) {
            if (Instant.now().isAfter(deadline)) throw new IllegalStateException("exp " + exp + " did not pass within 30 s");
            rt.daemon.process().waitFor(100, TimeUnit.MILLISECONDS);
        }
    }
}
