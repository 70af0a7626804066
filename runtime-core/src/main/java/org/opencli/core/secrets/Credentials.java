package org.opencli.core.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencli.core.catalog.AuthAlternative;
import org.opencli.core.catalog.Tool;
import org.opencli.core.config.SecretConfig;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.execution.HeaderValues;
import org.opencli.core.execution.RequestDraft;

/**
 * Resolves and applies a tool's security: alternatives (OR) are tried in order, non-interactive
 * ones first; every requirement of an alternative (AND) must resolve. When none can, the call fails
 * with 401 {@code credentials_unresolved} naming every scheme, secret and reason — and is never sent.
 */
public final class Credentials {
    private final SecretResolver resolver;

    public Credentials(SecretResolver resolver) {
        this.resolver = resolver;
    }

    /** Applies credentials to {@code draft}; returns the schemes used ("+"-joined), or null for none. */
    public String apply(Tool tool, Map<String, SecretConfig> secrets, SecretEnvironment env, RequestDraft draft) {
        List<AuthAlternative> alternatives = tool.authAlternatives() == null ? List.of() : tool.authAlternatives();
        if (alternatives.isEmpty()) return null;
        Map<String, SecretConfig> all = secrets == null ? Map.of() : secrets;
        List<AuthAlternative> ordered = new ArrayList<>(alternatives);
        ordered.sort(Comparator.comparing(a -> interactive(tool, a, all))); // stable: keeps document order otherwise
        List<String> failures = new ArrayList<>();
        for (AuthAlternative alternative : ordered) {
            if (alternative.requirements() == null || alternative.requirements().isEmpty()) return null; // anonymous allowed
            List<Runnable> applications = new ArrayList<>();
            List<String> names = new ArrayList<>();
            String failure = null;
            for (AuthAlternative.Requirement req : alternative.requirements()) {
                try {
                    applications.add(resolveOne(tool, req, all, env, draft));
                    names.add(req.name());
                } catch (SecretUnresolvedException e) {
                    failure = "scheme '" + req.name() + "': " + e.getMessage();
                    break;
                }
            }
            if (failure == null) {
                applications.forEach(Runnable::run);
                return String.join("+", names);
            }
            failures.add("alternative " + (failures.size() + 1) + " " + describe(alternative) + " → " + failure);
        }
        throw new OcliException(ErrorKind.UNAUTHORIZED, "credentials_unresolved", "Credentials unresolved",
                "no security alternative of " + tool.id() + " could be satisfied; the request was not sent: "
                        + String.join("; ", failures));
    }

    private Runnable resolveOne(Tool tool, AuthAlternative.Requirement req, Map<String, SecretConfig> secrets,
                                SecretEnvironment env, RequestDraft draft) {
        String scoped = tool.serviceId() + "." + req.name();
        String secretName = secretName(tool, req, secrets);
        if (secretName == null) {
            throw new SecretUnresolvedException("no secret configured (looked up secrets['" + scoped + "'], secrets['" + req.name() + "'])");
        }
        SecretConfig secret = secrets.get(secretName);
        String type = req.type() == null ? "" : req.type();
        try {
            return switch (type) {
                case "http" -> http(req, plainValue(secretName, secret, env), draft);
                case "apiKey" -> apiKey(req, plainValue(secretName, secret, env), draft);
                case "oauth2", "openIdConnect" -> {
                    String token = headerSafe("oauth2".equals(secret.type()) ? oauthToken(secretName, secret, req, env)
                            : plainValue(secretName, secret, env));
                    yield () -> draft.addSecretHeader("Authorization", "Bearer " + token);
                }
                default -> throw new SecretUnresolvedException("security scheme type '" + type + "' is not supported");
            };
        } catch (SecretUnresolvedException e) {
            throw new SecretUnresolvedException("secret '" + secretName + "' (" + secret.type() + "): " + e.getMessage());
        }
    }

    private String plainValue(String name, SecretConfig secret, SecretEnvironment env) {
        if ("oauth2".equals(secret.type())) throw new SecretUnresolvedException("an oauth2 secret only fits oauth2/openIdConnect schemes");
        return resolver.resolve(name, secret, env);
    }

    private String oauthToken(String name, SecretConfig secret, AuthAlternative.Requirement req, SecretEnvironment env) {
        String tokenUrl = null;
        String authorizationUrl = null;
        String authorizationCodeTokenUrl = null;
        boolean onlyRefusedFlows = req.oauthFlows() != null && !req.oauthFlows().isEmpty();
        if (req.oauthFlows() != null) {
            for (AuthAlternative.OAuthFlow flow : req.oauthFlows()) {
                if (!flow.type().equals("implicit") && !flow.type().equals("password")) onlyRefusedFlows = false;
                if (flow.type().equals("clientCredentials")) tokenUrl = flow.tokenUrl();
                if (flow.type().equals("authorizationCode")) {
                    authorizationUrl = flow.authorizationUrl();
                    authorizationCodeTokenUrl = flow.tokenUrl();
                }
            }
        }
        if (onlyRefusedFlows) {
            throw new SecretUnresolvedException("the scheme offers only implicit/password flows, which are refused");
        }
        return resolver.token(name, secret, new OAuthTokens.Endpoint(tokenUrl, req.openIdConnectUrl(), authorizationUrl,
                authorizationCodeTokenUrl), req.scopes(), env);
    }

    private static Runnable http(AuthAlternative.Requirement req, String value, RequestDraft draft) {
        String scheme = req.scheme() == null ? "" : req.scheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "bearer" -> {
                String token = headerSafe(value);
                yield () -> draft.addSecretHeader("Authorization", "Bearer " + token);
            }
            case "basic" -> {
                if (!value.contains(":")) throw new SecretUnresolvedException("basic credentials must be 'user:password'");
                String encoded = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
                yield () -> draft.addSecretHeader("Authorization", "Basic " + encoded);
            }
            default -> throw new SecretUnresolvedException("HTTP auth scheme '" + req.scheme() + "' is not supported");
        };
    }

    private static Runnable apiKey(AuthAlternative.Requirement req, String value, RequestDraft draft) {
        String in = req.in() == null ? "" : req.in();
        return switch (in) {
            case "header" -> {
                String checked = headerSafe(value);
                yield () -> draft.addSecretHeader(req.paramName(), checked);
            }
            case "query" -> () -> draft.addSecretQuery(req.paramName(), value);
            case "cookie" -> {
                if (!HeaderValues.validCookieValue(value)) {
                    throw new SecretUnresolvedException("its value has a character a cookie cannot carry (space, quote,"
                            + " comma, semicolon, backslash or non-ASCII); the value is not shown");
                }
                yield () -> draft.addSecretCookie(req.paramName(), value);
            }
            default -> throw new SecretUnresolvedException("apiKey location '" + in + "' is not supported");
        };
    }

    /** A value for a header: beyond control characters (refused when resolved), nothing over one byte a character. */
    private static String headerSafe(String value) {
        if (!HeaderValues.validValue(value)) {
            throw new SecretUnresolvedException("its value has characters a header cannot carry (beyond U+00FF);"
                    + " the value is not shown");
        }
        return value;
    }

    /**
     * True when {@link #apply} for {@code tool} can touch no file, command or network: every secret
     * any of its alternatives could look up is an environment variable or a literal (or missing,
     * which fails without I/O). Lets a caller on a non-blocking thread apply credentials in place.
     */
    public boolean resolvesInMemory(Tool tool, Map<String, SecretConfig> secrets) {
        if (tool.authAlternatives() == null) return true;
        Map<String, SecretConfig> all = secrets == null ? Map.of() : secrets;
        for (AuthAlternative alternative : tool.authAlternatives()) {
            if (alternative.requirements() == null) continue;
            for (AuthAlternative.Requirement req : alternative.requirements()) {
                SecretConfig s = configured(tool, req, all);
                if (s != null && !"env".equals(s.type()) && !"literal".equals(s.type())) return false;
            }
        }
        return true;
    }

    /** The secret a requirement uses: {@code secrets['<service>.<scheme>']}, else {@code secrets['<scheme>']}; null if neither. */
    private static String secretName(Tool tool, AuthAlternative.Requirement req, Map<String, SecretConfig> secrets) {
        String scoped = tool.serviceId() + "." + req.name();
        return secrets.containsKey(scoped) ? scoped : secrets.containsKey(req.name()) ? req.name() : null;
    }

    private static SecretConfig configured(Tool tool, AuthAlternative.Requirement req, Map<String, SecretConfig> secrets) {
        String name = secretName(tool, req, secrets);
        return name == null ? null : secrets.get(name);
    }

    /** Interactive alternatives (browser logins) sort last so unattended calls never wait on a human. */
    private static boolean interactive(Tool tool, AuthAlternative alternative, Map<String, SecretConfig> secrets) {
        if (alternative.requirements() == null) return false;
        for (AuthAlternative.Requirement req : alternative.requirements()) {
            SecretConfig s = configured(tool, req, secrets);
            if (s != null && "oauth2".equals(s.type()) && ("authorizationCode".equals(s.mode()) || Boolean.TRUE.equals(s.interactive()))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(AuthAlternative alternative) {
        List<String> names = new ArrayList<>();
        alternative.requirements().forEach(r -> names.add(r.name()));
        return "[" + String.join(" + ", names) + "]";
    }
}
