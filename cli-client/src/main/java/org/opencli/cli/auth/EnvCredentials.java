package org.opencli.cli.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.config.RemoteOAuthConfig;
import org.opencli.core.config.SecretConfig;

/**
 * Runtime credentials from the environment alone, for CI jobs with no file: {@code OCLI_TOKEN} (a
 * bearer token, as providedToken) or {@code OCLI_CLIENT_ID} + {@code OCLI_CLIENT_SECRET} +
 * {@code OCLI_TOKEN_URL} (client credentials, as oauthClient; {@code OCLI_SCOPES} space- or
 * comma-separated and {@code OCLI_AUDIENCE} optional). Values stay in the environment: the settings
 * only name the variables, so they are read when used and never copied into a file or a message.
 */
public final class EnvCredentials {
    public static final String TOKEN = "OCLI_TOKEN";
    public static final String CLIENT_ID = "OCLI_CLIENT_ID";
    public static final String CLIENT_SECRET = "OCLI_CLIENT_SECRET";
    public static final String TOKEN_URL = "OCLI_TOKEN_URL";
    public static final String SCOPES = "OCLI_SCOPES";
    public static final String AUDIENCE = "OCLI_AUDIENCE";
    private static final List<String> CLIENT_VARIABLES = List.of(CLIENT_ID, CLIENT_SECRET, TOKEN_URL);

    private EnvCredentials() {
    }

    /** How {@link RemoteCredentials#source()} starts for credentials read here. */
    static final String SOURCE = "environment";

    /**
     * The credentials the environment gives, or empty when it names none. Half a client-credentials
     * set, or a token next to one, is a usage error: guessing which was meant could send the wrong identity.
     */
    public static Optional<RemoteCredentials> read(Map<String, String> env) {
        boolean token = set(env, TOKEN);
        List<String> given = CLIENT_VARIABLES.stream().filter(v -> set(env, v)).toList();
        if (token && !given.isEmpty()) {
            throw usage("both " + TOKEN + " and " + String.join(", ", given) + " are set; set either a token or the client credentials");
        }
        if (token) {
            return Optional.of(new RemoteCredentials(new RemoteOAuthConfig("providedToken", "env:" + TOKEN, null, null, null,
                    null, null, null), SOURCE + " (" + TOKEN + ")"));
        }
        if (given.isEmpty()) return Optional.empty();
        if (given.size() < CLIENT_VARIABLES.size()) {
            List<String> missing = new ArrayList<>(CLIENT_VARIABLES);
            missing.removeAll(given);
            throw usage(String.join(", ", given) + " set but " + String.join(", ", missing)
                    + " not; client credentials need " + String.join(", ", CLIENT_VARIABLES));
        }
        RemoteOAuthConfig.RemoteOAuthClient client = new RemoteOAuthConfig.RemoteOAuthClient(env.get(TOKEN_URL).strip(),
                envRef(CLIENT_ID), envRef(CLIENT_SECRET));
        String audience = set(env, AUDIENCE) ? env.get(AUDIENCE).strip() : null;
        return Optional.of(new RemoteCredentials(new RemoteOAuthConfig("oauthClient", null, client, null, null, null,
                audience, scopes(env.get(SCOPES))), SOURCE + " (" + String.join(", ", CLIENT_VARIABLES) + ")"));
    }

    private static List<String> scopes(String value) {
        if (value == null || value.isBlank()) return null;
        return Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static SecretConfig envRef(String variable) {
        return new SecretConfig("env", variable, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static boolean set(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    private static CliException usage(String detail) {
        return new CliException(ExitCodes.USAGE, "ambiguous_credentials", "Runtime credentials incomplete", detail);
    }
}
