package org.opencli.cli.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The session an invocation belongs to, sent to the runtime as {@code X-Ocli-Session} so audit
 * records of one terminal (or one agent run) can be grouped: {@code OCLI_SESSION_ID} when set to a
 * safe token, else derived from the parent process (the shell; the launcher execs java), which
 * stays the same across invocations from one terminal. A digest, so no pid is disclosed.
 */
public final class CliSessionId {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private CliSessionId() {
    }

    public static String current() {
        return of(System.getenv("OCLI_SESSION_ID"), ProcessHandle.current().parent().orElse(null));
    }

    /** Whether {@code id} may be sent as a session id: 1..128 of {@code A-Za-z0-9._:-}. */
    public static boolean isSafe(String id) {
        return id != null && SAFE.matcher(id).matches();
    }

    /**
     * The lease session of a call to a managed local daemon, per {@code runtime.local.sessionScope}:
     * {@code terminal} (default) as {@link #current()}; {@code agent}: {@code OCLI_SESSION_ID}, else
     * one per parent process ({@code agent-…}); {@code shared-group}: one per share key, so every
     * member of the group holds the same lease ({@code group-…}).
     */
    public static String forScope(String sessionScope, String shareKey) {
        if ("shared-group".equals(sessionScope)) return "group-" + digest(shareKey == null ? "" : shareKey).substring(0, 16);
        if ("agent".equals(sessionScope)) {
            String explicit = System.getenv("OCLI_SESSION_ID");
            if (explicit != null && SAFE.matcher(explicit).matches()) return explicit;
            ProcessHandle parent = ProcessHandle.current().parent().orElse(ProcessHandle.current());
            return "agent-" + digest(parent.pid() + "@" + parent.info().startInstant().map(Object::toString).orElse("")).substring(0, 16);
        }
        String current = current();
        return current != null ? current : "term-" + digest(String.valueOf(ProcessHandle.current().pid())).substring(0, 16);
    }

    static String of(String explicit, ProcessHandle parent) {
        if (explicit != null && SAFE.matcher(explicit).matches()) return explicit;
        if (parent == null) return null;
        String start = parent.info().startInstant().map(Object::toString).orElse("");
        return "term-" + digest(parent.pid() + "@" + start).substring(0, 16);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
