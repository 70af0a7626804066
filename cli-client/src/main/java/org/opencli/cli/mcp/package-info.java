/**
 * {@code ocli mcp serve}: the runtime this CLI resolves (embedded, local daemon, remote) bridged to
 * an MCP server on standard input and output. Loaded only for that command, so no MCP or Reactor
 * class loads on any other ocli call.
 */
package org.opencli.cli.mcp;
