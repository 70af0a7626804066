package org.opencli.service.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Who may use this daemon (docs/security.md, "Who can reach the runtime"):
 * <ul>
 * <li>{@link Mode#RUNTIME_AUTH}: {@code runtime.server.auth} is set; bearer tokens decide (unchanged).</li>
 * <li>{@link Mode#OWNER_KEY}: a loopback daemon without runtime auth serves only its owner, i.e. whoever
 * can read its owner-only {@code runtime.json}: every request except the public ones must carry
 * {@code Authorization: Bearer <clientKey>}, a random key made fresh at each start.</li>
 * <li>{@link Mode#OPEN_PINNED}: a non-loopback address without runtime auth, explicitly allowed with
 * {@code --allow-unauthenticated-remote}: anyone who reaches it may call, so it serves only its own
 * config (a request may not name another).</li>
 * </ul>
 * A non-loopback address without runtime auth and without that flag does not start.
 */
public record DaemonAccess(Mode mode, String clientKey) {
    public enum Mode { RUNTIME_AUTH, OWNER_KEY, OPEN_PINNED }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Thrown at startup for an unauthenticated daemon on a non-loopback address; the message says how to fix it. */
    public static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    public static DaemonAccess decide(boolean runtimeAuth, String host, boolean allowUnauthenticatedRemote) {
        if (runtimeAuth) return new DaemonAccess(Mode.RUNTIME_AUTH, null);
        if (isLoopback(host)) return new DaemonAccess(Mode.OWNER_KEY, newKey());
        if (allowUnauthenticatedRemote) return new DaemonAccess(Mode.OPEN_PINNED, null);
        throw new Refused("--addr " + host + " is not a loopback address and the config sets no runtime.server.auth:"
                + " anyone who can reach it could use this daemon's config and credentials. Set runtime.server.auth,"
                + " listen on 127.0.0.1, or pass --allow-unauthenticated-remote (then only the daemon's own config is served)");
    }

    public boolean requiresOwnerKey() {
        return mode == Mode.OWNER_KEY;
    }

    /** Requests may not name a config other than the daemon's own. */
    public boolean pinsConfig() {
        return mode != Mode.OWNER_KEY;
    }

    /** Whether {@code presented} is this daemon's key; compared in constant time. */
    public boolean acceptsKey(String presented) {
        if (clientKey == null || presented == null || presented.length() != clientKey.length()) return false; // the length is no secret
        int difference = 0; // every character compared, as MessageDigest.isEqual does, without copying the strings on each request
        for (int i = 0; i < clientKey.length(); i++) difference |= clientKey.charAt(i) ^ presented.charAt(i);
        return difference == 0;
    }

    /** Never the key: a record's default toString would print it into logs. */
    @Override
    public String toString() {
        return "DaemonAccess[" + mode + "]";
    }

    /** 256 random bits, base64url without padding (a valid RFC 6750 token). */
    static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when every address the host names is a loopback address. */
    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) return false;
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] all = InetAddress.getAllByName(h);
            if (all.length == 0) return false;
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) return false;
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
