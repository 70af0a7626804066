/**
 * The governed catalog served as an MCP server, shared by {@code oclird}'s {@code /mcp} and
 * {@code ocli mcp serve}: a caller's effective view becomes {@code tools/list}, a {@code tools/call}
 * becomes one execute request through whatever runtime the adapter ({@link GovernedRuntime}) stands
 * for, so policy, approval, upstream and audit are the execute path's own. Plain Java over the MCP
 * Java SDK; no CDI, no HTTP server types.
 */
package org.opencli.core.mcpserver;
