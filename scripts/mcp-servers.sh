#!/usr/bin/env bash
# The MCP servers and the MCP client that the MCP tests and lanes drive: real packages from the npm
# registry, pinned, installed under DIR (default target/mcp-npm) as DIR/node_modules/.bin/<command>.
# Idempotent: DIR/.installed names the pinned set, so a changed pin installs again.
set -euo pipefail
dir="${1:-target/mcp-npm}"
packages=(
  @modelcontextprotocol/server-everything@2026.8.31
  @modelcontextprotocol/server-filesystem@2026.8.31
  @modelcontextprotocol/inspector-cli@1.0.3
)
wanted="${packages[*]}"
if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$wanted" ]; then exit 0; fi
command -v npm > /dev/null || { echo "mcp-servers: npm is missing; run: sudo apt-get install -y nodejs npm" >&2; exit 2; }
mkdir -p "$dir"
npm install --silent --no-audit --no-fund --no-save --prefix "$dir" "${packages[@]}"
printf '%s\n' "$wanted" > "$dir/.installed"
