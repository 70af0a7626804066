#!/usr/bin/env bash
# The Debian packages `make test` needs beyond the machine image (JDK 17, Maven, Python 3, npm).
# Run as root: installs what is missing. Otherwise: exits 1 at once, naming the apt-get line to run.
# Shared by `make test` and .ci/run, so a fresh machine behaves the same under either.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

need=()
command -v java >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
command -v python3 >/dev/null || need+=(python3)
command -v npm >/dev/null || need+=(npm)
# the audit syslog exporter's tests start a real rsyslogd (plain TCP, and TLS through gtls)
[ -x /usr/sbin/rsyslogd ] || need+=(rsyslog)
dpkg-query -s rsyslog-gnutls >/dev/null 2>&1 || need+=(rsyslog-gnutls)
# the observability lane scrapes oclird with a real Prometheus (fleet.prometheus.PrometheusFixture)
[ -x /usr/bin/prometheus ] || need+=(prometheus)
# test certificates and keys
command -v openssl >/dev/null || need+=(openssl)
# the completion lane checks that the zsh and fish scripts parse (and that fish's completes)
command -v zsh >/dev/null || need+=(zsh)
command -v fish >/dev/null || need+=(fish)
# pseudo-terminal tests (prompts, terminal width) run ocli under script(1)
command -v script >/dev/null || need+=(bsdutils)
# the stale-registry lane kills a managed daemon with kill -9 as a person would (the kill program, not
# bash's builtin); ocli starts managed daemons with setsid (util-linux, essential: always there)
[ -x /bin/kill ] || [ -x /usr/bin/kill ] || need+=(procps)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "error: make test needs Debian packages that are missing; run:" >&2
    echo "  sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "test-packages: installing ${need[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
    --no-install-recommends "${need[@]}" >&2
fi

# the container lanes' tools (podman, buildah, runc, ...): same rule, in their own script
"$ROOT/scripts/container-tools.sh" >/dev/null
