package org.opencli.core.mcpserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MCP tool names for catalog tool ids. Agent hosts accept {@code [A-Za-z0-9_-]{1,64}} at most, while
 * tool ids hold {@code :} and whatever an operationId or path holds: {@code :} becomes {@code __}, any
 * other character outside the set {@code _}; a name longer than 64 characters, or one another id of
 * the same list already took, is cut and ends in {@code _} and eight hex digits of the id's SHA-256.
 */
public final class McpToolNames {
    static final int MAX_LENGTH = 64;
    private static final int HASH_LENGTH = 8;

    private McpToolNames() {
    }

    /** Name → tool id, in the ids' order; each id gets one name, unique in the map. */
    public static Map<String, String> assign(List<String> toolIds) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String id : toolIds) {
            String name = plain(id);
            if (name.length() > MAX_LENGTH || names.containsKey(name)) name = hashed(name, id, "");
            for (int n = 2; names.containsKey(name); n++) name = hashed(plain(id), id, Integer.toString(n));
            names.put(name, id);
        }
        return names;
    }

    /** The id with {@code :} as {@code __} and every other character outside {@code [A-Za-z0-9_-]} as {@code _}. */
    static String plain(String id) {
        StringBuilder out = new StringBuilder(id.length() + 4);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == ':') out.append("__");
            else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') out.append(c);
            else out.append('_');
        }
        return out.isEmpty() ? "_" : out.toString();
    }

    private static String hashed(String plain, String id, String salt) {
        String suffix = "_" + sha256(id + salt).substring(0, HASH_LENGTH);
        return plain.substring(0, Math.min(plain.length(), MAX_LENGTH - suffix.length())) + suffix;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
