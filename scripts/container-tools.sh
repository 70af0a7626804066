#!/usr/bin/env bash
# Makes podman usable for `make image` and the container lanes on a machine of this kind.
#
#   scripts/container-tools.sh            install what is missing (as root), write the containers.conf
#   scripts/container-tools.sh --conf     only print the containers.conf path (no installs)
#
# Prints the containers.conf path on its last line; callers export it as CONTAINERS_CONF.
# Why a project-owned containers.conf: podman 4.3's default OCI runtime (crun) fails on this
# machine's hybrid cgroup tree while runc works, and the default ulimits podman asks for are above
# what this sandbox grants, so containers fail to start without explicit ones.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONF_DIR="$ROOT/target/containers"
CONF="$CONF_DIR/containers.conf"

write_conf() {
  mkdir -p "$CONF_DIR"
  cat >"$CONF.tmp" <<'CONF'
# Written by scripts/container-tools.sh; used through CONTAINERS_CONF.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
# No systemd here: podman must not try to create systemd units or scopes.
log_driver = "k8s-file"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[network]
network_backend = "netavark"
CONF
  mv "$CONF.tmp" "$CONF"
}

install_missing() {
  local need=()
  command -v podman >/dev/null || need+=(podman)
  command -v buildah >/dev/null || need+=(buildah)
  command -v runc >/dev/null || need+=(runc)
  command -v podman-compose >/dev/null || need+=(podman-compose)
  command -v debootstrap >/dev/null || need+=(debootstrap)
  command -v newuidmap >/dev/null || need+=(uidmap)
  command -v slirp4netns >/dev/null || need+=(slirp4netns)
  command -v fuse-overlayfs >/dev/null || need+=(fuse-overlayfs)
  [ -x /usr/lib/podman/netavark ] || need+=(netavark)
  [ -x /usr/lib/podman/aardvark-dns ] || need+=(aardvark-dns)
  # netavark sets up bridges and published ports with iptables; without it every bridge run fails
  command -v iptables >/dev/null || need+=(iptables)
  # a pod (podman kube play) needs an infra container, whose pause image podman builds from catatonit
  command -v catatonit >/dev/null || need+=(catatonit)
  # the multi-replica lane's balancer in front of three oclird containers
  [ -x /usr/sbin/nginx ] || need+=(nginx-light)
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "error: the container tools are missing; run:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
    exit 1
  fi
  echo "container-tools: installing ${need[*]}" >&2
  # Another job may hold the dpkg lock for a moment (two lanes preparing at once): wait for it.
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
    --no-install-recommends "${need[@]}" >&2
}

case "${1:-}" in
  --conf) ;;
  "") install_missing ;;
  *) echo "usage: $0 [--conf]" >&2; exit 2 ;;
esac
write_conf
echo "$CONF"
