package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import picocli.CommandLine.Option;

/** The fields of an {@code oauth2} secret, as {@code add-secret} options (written in the contract's key order). */
final class OAuth2Options {
    static final List<String> REFERENCE_TYPES = List.of("env", "file", "osKeychain", "literal");

    @Option(names = "--oauth2-mode", paramLabel = "MODE", description = "clientCredentials or authorizationCode.")
    String mode;

    @Option(names = "--issuer", paramLabel = "URL", description = "OpenID issuer (endpoints discovered from it).")
    String issuer;

    @Option(names = "--authorization-url", paramLabel = "URL", description = "Authorization endpoint (authorizationCode).")
    String authorizationUrl;

    @Option(names = "--token-url", paramLabel = "URL", description = "Token endpoint.")
    String tokenUrl;

    @Option(names = "--client-id", paramLabel = "TYPE:VALUE", description = "Client id reference, e.g. env:CLIENT_ID or literal:my-app.")
    String clientId;

    @Option(names = "--client-secret", paramLabel = "TYPE:VALUE", description = "Client secret reference, e.g. env:CLIENT_SECRET.")
    String clientSecret;

    @Option(names = "--scope", paramLabel = "SCOPE", split = ",", description = "Scope to request (repeatable, or comma-separated).")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--audience", paramLabel = "AUDIENCE", description = "Audience to request.")
    String audience;

    @Option(names = "--interactive", arity = "0..1", paramLabel = "true|false", description = "May open a browser for authorizationCode.")
    Boolean interactive;

    @Option(names = "--callback-port", paramLabel = "PORT", description = "Loopback port for the authorizationCode callback (0: any free port).")
    Integer callbackPort;

    @Option(names = "--redirect-uri", paramLabel = "URL", description = "Loopback redirect URI (http://127.0.0.1:PORT/PATH).")
    String redirectUri;

    @Option(names = "--token-storage", paramLabel = "WHERE", description = "instance or memory.")
    String tokenStorage;

    void writeTo(ObjectNode secret) {
        secret.put("mode", mode);
        putIfSet(secret, "issuer", issuer);
        putIfSet(secret, "authorizationURL", authorizationUrl);
        putIfSet(secret, "tokenURL", tokenUrl);
        if (clientId != null) secret.set("clientId", reference("--client-id", clientId, secret));
        if (clientSecret != null) secret.set("clientSecret", reference("--client-secret", clientSecret, secret));
        if (!scopes.isEmpty()) scopes.forEach(secret.putArray("scopes")::add);
        putIfSet(secret, "audience", audience);
        if (interactive != null) secret.put("interactive", interactive);
        if (callbackPort != null) secret.put("callbackPort", callbackPort);
        putIfSet(secret, "redirectURI", redirectUri);
        putIfSet(secret, "tokenStorage", tokenStorage);
    }

    /** {@code env:NAME} → {@code {"type": "env", "value": "NAME"}}. The value is never echoed in errors. */
    private static ObjectNode reference(String option, String text, ObjectNode factory) {
        int colon = text.indexOf(':');
        String type = colon > 0 ? text.substring(0, colon) : null;
        if (type == null || !REFERENCE_TYPES.contains(type) || colon == text.length() - 1) {
            throw new CliException(ExitCodes.USAGE, "invalid_arguments", "Invalid secret options",
                    option + " takes TYPE:VALUE with TYPE one of " + String.join(", ", REFERENCE_TYPES) + " (e.g. env:CLIENT_ID)");
        }
        return factory.objectNode().put("type", type).put("value", text.substring(colon + 1));
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) node.put(key, value);
    }
}
