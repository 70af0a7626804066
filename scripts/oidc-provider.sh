#!/usr/bin/env bash
# The independent OpenID provider the identity lanes run (Entra- and Authentik-shaped issuers):
# panva's oidc-provider from the npm registry, pinned, installed under DIR (default
# target/oidc-npm) as DIR/node_modules/oidc-provider; fleet-tests/fixtures/oidc-provider/provider.mjs
# configures it. Idempotent: DIR/.installed names the pinned set, so a changed pin installs again.
set -euo pipefail
dir="${1:-target/oidc-npm}"
packages=(
  oidc-provider@9.13.3
)
wanted="${packages[*]}"
if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$wanted" ]; then exit 0; fi
command -v npm > /dev/null || { echo "oidc-provider: npm is missing; run: sudo apt-get install -y nodejs npm" >&2; exit 2; }
mkdir -p "$dir"
npm install --silent --no-audit --no-fund --no-save --prefix "$dir" "${packages[@]}"
printf '%s\n' "$wanted" > "$dir/.installed"
