package org.opencli.core.mcp;

/**
 * One mcp source's client as metrics see it: {@code up} while connected and initialized,
 * {@code restarts} the servers (or connections) started after the first for this source's current
 * transport (an edited transport starts counting again).
 */
public record McpSourceHealth(String sourceId, boolean up, long restarts) {
}
