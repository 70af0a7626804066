package org.opencli.fleet.upstream;

/**
 * The secrets the test upstream expects, one per security scheme. Defaults are fixed so lanes and
 * tests can share them without passing anything; every value can be overridden (CLI flags or
 * {@code with*} copies) to prove a wrong secret is refused.
 */
public record UpstreamCredentials(
        String bearerToken,
        String basicUser,
        String basicPassword,
        String apiKey,
        String sessionCookie,
        String clientId,
        String clientSecret) {

    public static UpstreamCredentials defaults() {
        return new UpstreamCredentials("test-bearer-token", "alice", "wonderland", "test-api-key",
                "test-session", "test-client", "test-client-secret");
    }

    public UpstreamCredentials withBearerToken(String value) {
        return new UpstreamCredentials(value, basicUser, basicPassword, apiKey, sessionCookie, clientId, clientSecret);
    }

    public UpstreamCredentials withApiKey(String value) {
        return new UpstreamCredentials(bearerToken, basicUser, basicPassword, value, sessionCookie, clientId, clientSecret);
    }

    /** {@code user:password}, the form a basic-auth secret is stored in. */
    public String basicPair() {
        return basicUser + ":" + basicPassword;
    }
}
