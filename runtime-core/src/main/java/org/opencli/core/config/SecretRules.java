package org.opencli.core.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-type requirements of {@code secrets.<name>} and of nested secret references
 * ({@code clientId} / {@code clientSecret}): env, file, osKeychain (and nested literal) need
 * {@code value}; exec needs {@code command}; oauth2 needs {@code mode} plus its endpoints.
 */
final class SecretRules {
    private static final Set<String> VALUE_TYPES = Set.of("env", "file", "osKeychain", "literal");

    private SecretRules() {
    }

    static void check(CliConfig config, Problems problems) {
        if (config.secrets() == null) return;
        for (Map.Entry<String, SecretConfig> e : config.secrets().entrySet()) {
            String path = JsonPaths.of("secrets", e.getKey());
            SecretConfig secret = e.getValue();
            if (secret == null || secret.type() == null) continue;
            if (secret.type().equals("oauth2")) {
                checkOAuth2(secret, path, problems);
            } else {
                checkRef(secret, path, problems);
                forbidOAuth2Fields(secret, path, problems);
            }
        }
    }

    /** A secret reference: type-appropriate {@code value} or {@code command}. */
    static void checkRef(SecretConfig ref, String path, Problems problems) {
        if (ref == null || ref.type() == null) return;
        String type = ref.type();
        if (VALUE_TYPES.contains(type) && isBlank(ref.value())) {
            problems.add(JsonPaths.child(path, "value"), Wording.a(type) + " secret needs 'value'", valueMeaning(type));
        }
        if (type.equals("exec") && (ref.command() == null || ref.command().isEmpty())) {
            problems.add(JsonPaths.child(path, "command"), "an exec secret needs 'command'",
                    "a non-empty array: the program and its arguments");
        }
        if (!type.equals("exec") && ref.command() != null) {
            problems.add(JsonPaths.child(path, "command"), "'command' applies to exec secrets only",
                    "no command on " + Wording.a(type) + " secret");
        }
    }

    private static void checkOAuth2(SecretConfig s, String path, Problems problems) {
        if (s.mode() == null) {
            problems.add(JsonPaths.child(path, "mode"), "an oauth2 secret needs 'mode'",
                    "one of: clientCredentials, authorizationCode");
        } else if (isBlank(s.issuer())) {
            if (s.mode().equals("clientCredentials") && isBlank(s.tokenURL())) {
                problems.add(JsonPaths.child(path, "tokenURL"), "clientCredentials needs 'tokenURL' or 'issuer'",
                        "the token endpoint URL, or an issuer to discover it from");
            }
            if (s.mode().equals("authorizationCode")) {
                if (isBlank(s.authorizationURL())) {
                    problems.add(JsonPaths.child(path, "authorizationURL"),
                            "authorizationCode needs 'authorizationURL' or 'issuer'",
                            "the authorization endpoint URL, or an issuer to discover it from");
                }
                if (isBlank(s.tokenURL())) {
                    problems.add(JsonPaths.child(path, "tokenURL"), "authorizationCode needs 'tokenURL' or 'issuer'",
                            "the token endpoint URL, or an issuer to discover it from");
                }
            }
        }
        if (s.command() != null) {
            problems.add(JsonPaths.child(path, "command"), "'command' applies to exec secrets only",
                    "no command on an oauth2 secret");
        }
        if ("authorizationCode".equals(s.mode())) {
            if (s.clientId() == null) {
                problems.add(JsonPaths.child(path, "clientId"), "authorizationCode needs 'clientId'",
                        "a secret reference such as {\"type\": \"literal\", \"value\": \"my-client\"}");
            }
            if (!isBlank(s.redirectURI()) && !isLoopbackRedirect(s.redirectURI())) {
                problems.add(JsonPaths.child(path, "redirectURI"), "redirectURI '" + s.redirectURI() + "' is not a loopback URL",
                        "http://127.0.0.1:<port>/<path> (the callback is received on this machine only)");
            }
        }
        checkRef(s.clientId(), JsonPaths.child(path, "clientId"), problems);
        checkRef(s.clientSecret(), JsonPaths.child(path, "clientSecret"), problems);
    }

    private static void forbidOAuth2Fields(SecretConfig s, String path, Problems problems) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("mode", s.mode());
        fields.put("issuer", s.issuer());
        fields.put("authorizationURL", s.authorizationURL());
        fields.put("tokenURL", s.tokenURL());
        fields.put("clientId", s.clientId());
        fields.put("clientSecret", s.clientSecret());
        fields.put("scopes", s.scopes());
        fields.put("audience", s.audience());
        fields.put("interactive", s.interactive());
        fields.put("callbackPort", s.callbackPort());
        fields.put("redirectURI", s.redirectURI());
        fields.put("tokenStorage", s.tokenStorage());
        fields.forEach((name, value) -> {
            if (value != null) {
                problems.add(JsonPaths.child(path, name), "'" + name + "' applies to oauth2 secrets only",
                        "no " + name + " on " + Wording.a(s.type()) + " secret");
            }
        });
    }

    private static String valueMeaning(String type) {
        return switch (type) {
            case "env" -> "the name of an environment variable";
            case "file" -> "a file path";
            case "osKeychain" -> "the keychain item name";
            default -> "the literal value";
        };
    }

    /** {@code http://127.0.0.1|localhost[:port]/path}: where our loopback receiver can listen. */
    static boolean isLoopbackRedirect(String value) {
        try {
            java.net.URI uri = java.net.URI.create(value);
            return "http".equals(uri.getScheme()) && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()))
                    && uri.getPath() != null && !uri.getPath().isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
