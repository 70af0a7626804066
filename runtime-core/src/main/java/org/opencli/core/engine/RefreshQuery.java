package org.opencli.core.engine;

/**
 * {@code GET|POST /v1/refresh}: the config (null: the runtime's own) and one source id to refresh
 * (null: every enabled source).
 */
public record RefreshQuery(String configPath, String source) {
    /** Source ids are config keys; anything longer or with other characters cannot name one. */
    public static final int MAX_SOURCE_ID_CHARS = 128;
}
