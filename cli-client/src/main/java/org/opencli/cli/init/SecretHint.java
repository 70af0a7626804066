package org.opencli.cli.init;

import java.util.Locale;
import org.opencli.core.catalog.AuthAlternative;

/**
 * The {@code secrets} entry a security scheme needs and the {@code ocli config add-secret} line
 * that adds it. The name is {@code <service>.<scheme>}, the first name the runtime looks up; values
 * are references (environment variable names), never secrets.
 */
public record SecretHint(String scheme, String description, String secretName, String secretType, String command) {

    public static SecretHint of(String serviceId, AuthAlternative.Requirement r) {
        String name = serviceId + "." + r.name();
        String env = (serviceId + "_" + r.name()).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        String add = "ocli config add-secret " + name;
        String type = r.type() == null ? "" : r.type();
        return switch (type) {
            case "http" -> "basic".equalsIgnoreCase(r.scheme())
                    ? new SecretHint(r.name(), "http basic (the variable holds user:password)", name, "env",
                            add + " --type env --value " + env)
                    : new SecretHint(r.name(), "http " + (r.scheme() == null ? "bearer" : r.scheme().toLowerCase(Locale.ROOT)),
                            name, "env", add + " --type env --value " + env);
            case "apiKey" -> new SecretHint(r.name(), "apiKey in " + r.in() + " " + r.paramName(), name, "env",
                    add + " --type env --value " + env);
            case "oauth2" -> oauth2(r, name, env, add);
            case "openIdConnect" -> new SecretHint(r.name(), "openIdConnect " + r.openIdConnectUrl(), name, "oauth2",
                    add + " --type oauth2 --oauth2-mode clientCredentials --issuer " + issuerOf(r.openIdConnectUrl())
                            + " --client-id env:" + env + "_CLIENT_ID --client-secret env:" + env + "_CLIENT_SECRET");
            default -> new SecretHint(r.name(), type, name, null, null);
        };
    }

    /** The {@code env} secret an MCP transport's {@code headerSecrets} entry names, for header {@code header}. */
    public static SecretHint forHeader(String header, String secretName) {
        String env = secretName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return new SecretHint(header, "header " + header, secretName, "env",
                "ocli config add-secret " + secretName + " --type env --value " + env);
    }

    private static SecretHint oauth2(AuthAlternative.Requirement r, String name, String env, String add) {
        String client = " --client-id env:" + env + "_CLIENT_ID --client-secret env:" + env + "_CLIENT_SECRET";
        if (r.oauthFlows() != null) {
            for (AuthAlternative.OAuthFlow flow : r.oauthFlows()) {
                if ("clientCredentials".equals(flow.type())) {
                    return new SecretHint(r.name(), "oauth2 clientCredentials", name, "oauth2",
                            add + " --type oauth2 --oauth2-mode clientCredentials --token-url " + flow.tokenUrl() + client);
                }
            }
            for (AuthAlternative.OAuthFlow flow : r.oauthFlows()) {
                if ("authorizationCode".equals(flow.type())) {
                    return new SecretHint(r.name(), "oauth2 authorizationCode", name, "oauth2",
                            add + " --type oauth2 --oauth2-mode authorizationCode --authorization-url " + flow.authorizationUrl()
                                    + " --token-url " + flow.tokenUrl() + " --client-id env:" + env + "_CLIENT_ID");
                }
            }
        }
        // implicit and password flows are refused by the runtime: nothing to configure.
        return new SecretHint(r.name(), "oauth2 (implicit/password flows only: not supported)", name, null, null);
    }

    private static String issuerOf(String discoveryUrl) {
        if (discoveryUrl == null) return "ISSUER_URL";
        String suffix = "/.well-known/openid-configuration";
        return discoveryUrl.endsWith(suffix) ? discoveryUrl.substring(0, discoveryUrl.length() - suffix.length()) : discoveryUrl;
    }
}
