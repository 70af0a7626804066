package org.opencli.core.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.opencli.core.config.SecretConfig;
import org.opencli.core.io.BoundedFiles;

/**
 * Produces a secret's value from its reference. Blocking (files, processes, token endpoints): call
 * it on a worker thread, never an event loop. Failures are {@link SecretUnresolvedException}s whose
 * message explains why without the value.
 */
public final class SecretResolver {
    private final Function<String, List<String>> keychainArgv;
    private final OAuthTokens tokens;

    /** {@code keychainArgv} builds the keychain lookup command for a keychain entry name. */
    public SecretResolver(Function<String, List<String>> keychainArgv, OAuthTokens tokens) {
        this.keychainArgv = keychainArgv;
        this.tokens = tokens;
    }

    public static Function<String, List<String>> osKeychain() {
        return value -> KeychainCommand.argv(System.getProperty("os.name", ""), value);
    }

    /**
     * A plain value (env, file, osKeychain, exec). OAuth 2 secrets go through {@link #token}. A
     * value no request could carry (a control character: CR, LF, NUL, ...) is refused here, when it
     * is resolved — by the caller naming the secret, never quoting it — so it is never sent or retried.
     */
    public String resolve(String name, SecretConfig secret, SecretEnvironment env) {
        return checked(produce(secret, env));
    }

    /** An access token for an oauth2 secret (client credentials), cached until shortly before expiry; checked like a value. */
    public String token(String name, SecretConfig secret, OAuthTokens.Endpoint endpoint, List<String> scopes,
                        SecretEnvironment env) {
        return checked(tokens.token(name, secret, endpoint, scopes, env, (n, s) -> resolve(n, s, env)));
    }

    /** Control characters end or split a header, cookie or form field: no secret may hold one. */
    static String checked(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new SecretUnresolvedException("its value contains " + describe(c)
                        + ", which no request may carry; fix the secret's source (the value is not shown)");
            }
        }
        return value;
    }

    private static String describe(char c) {
        return switch (c) {
            case '\r' -> "a carriage return (CR)";
            case '\n' -> "a line feed (LF)";
            case 0 -> "a NUL character";
            case '\t' -> "a tab";
            default -> String.format("a control character (U+%04X)", (int) c);
        };
    }

    private String produce(SecretConfig secret, SecretEnvironment env) {
        String type = secret.type() == null ? "" : secret.type();
        return switch (type) {
            case "env" -> fromEnv(secret, env);
            // nested references only (the schema allows it there): a public client id is no secret
            case "literal" -> {
                if (secret.value() == null || secret.value().isEmpty()) throw new SecretUnresolvedException("literal value is empty");
                yield secret.value();
            }
            case "file" -> fromFile(secret, env);
            case "exec" -> {
                if (!env.allowExecSecrets()) {
                    throw new SecretUnresolvedException("exec secrets are disabled (set policy.allowExecSecrets: true)");
                }
                yield CommandRunner.run(secret.command(), env.commandTimeout());
            }
            case "osKeychain" -> CommandRunner.run(keychainArgv.apply(secret.value()), env.commandTimeout());
            case "oauth2" -> throw new SecretUnresolvedException("an oauth2 secret yields a token, not a value");
            default -> throw new SecretUnresolvedException("unknown secret type '" + type + "'");
        };
    }

    private static String fromEnv(SecretConfig secret, SecretEnvironment env) {
        String v = secret.value() == null ? null : env.env().apply(secret.value());
        if (v == null || v.isEmpty()) {
            throw new SecretUnresolvedException("environment variable " + secret.value() + " is not set");
        }
        return v;
    }

    private static String fromFile(SecretConfig secret, SecretEnvironment env) {
        if (secret.value() == null) throw new SecretUnresolvedException("no file path given");
        Path path = Path.of(secret.value());
        if (!path.isAbsolute() && env.baseDir() != null) path = env.baseDir().resolve(path);
        try {
            byte[] bytes = BoundedFiles.read(path, CommandRunner.MAX_SECRET_BYTES);
            String v = CommandRunner.trimNewline(new String(bytes, StandardCharsets.UTF_8));
            if (v.isEmpty()) throw new SecretUnresolvedException("file " + path + " is empty");
            return v;
        } catch (BoundedFiles.NotRegularFile e) {
            throw new SecretUnresolvedException("file " + path + " is not a regular file (a FIFO, device or directory is never read)");
        } catch (BoundedFiles.TooLarge e) {
            throw new SecretUnresolvedException("file " + path + " holds more than " + CommandRunner.MAX_SECRET_BYTES + " bytes");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SecretUnresolvedException("file " + path + " cannot be read");
        }
    }
}
