/**
 * The daemon as an MCP server: the engine behind {@code /mcp} ({@code rest.McpResource}), through the
 * shared {@code core.mcpserver} handler.
 */
package org.opencli.service.mcp;
