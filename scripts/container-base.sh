#!/usr/bin/env bash
# The runtime image's base, made from Debian packages where no image registry is reachable:
# debootstrap --variant=minbase (bookworm) + openjdk-17-jre-headless, trimmed, `podman import`ed.
#
#   scripts/container-base.sh       prints the base image reference (builds it only when missing)
#
# Cached in podman's storage: the tag carries a hash of this script, so an edit here makes a new
# base and an unchanged script reuses the one already built. Needs root (debootstrap, chroot).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUITE=bookworm
MIRROR="${OCLI_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${OCLI_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
HASH=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)
IMAGE="localhost/oclird-base:17-jre-$HASH"
: "${CONTAINERS_CONF:=$("$ROOT/scripts/container-tools.sh" --conf)}"
export CONTAINERS_CONF

if podman image exists "$IMAGE"; then
  echo "$IMAGE"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "error: building $IMAGE needs root (debootstrap and chroot); or pass BASE_IMAGE=eclipse-temurin:17-jre where a registry is reachable" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/oclird-base.XXXXXX")
rootfs="$work/rootfs"
cleanup() {
  # debootstrap mounts these in the target while it runs; a failure may leave them behind.
  local m
  for m in proc sys dev/pts dev; do umount -l "$rootfs/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

echo "container-base: debootstrap $SUITE minbase into $rootfs" >&2
# Two stages so dpkg can be told not to fsync every file it unpacks (a throw-away tree that is
# tarred at the end): that alone takes the install from many minutes to about one.
debootstrap --foreign --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
  || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
mkdir -p "$rootfs/etc/dpkg/dpkg.cfg.d"
echo force-unsafe-io >"$rootfs/etc/dpkg/dpkg.cfg.d/02-unsafe-io"
chroot "$rootfs" /debootstrap/debootstrap --second-stage >>"$work/debootstrap.log" 2>&1 \
  || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }

cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY_MIRROR $SUITE-security main
SOURCES
# Nothing in the image is documentation; dpkg skips it on install instead of deleting it after.
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/01-nodoc" <<'NODOC'
path-exclude /usr/share/doc/*
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
NODOC

echo "container-base: installing openjdk-17-jre-headless" >&2
mount -t proc proc "$rootfs/proc"
chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
  sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless ca-certificates && apt-get upgrade -y -qq' \
  >"$work/apt.log" 2>&1 || { tail -n 30 "$work/apt.log" >&2; exit 1; }
umount "$rootfs/proc"

# Trim what a JRE-only runtime never reads: package caches and lists, logs, man/doc leftovers.
chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
  "$rootfs"/var/log/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
  "$rootfs"/tmp/* "$rootfs"/root/.cache "$rootfs/etc/dpkg/dpkg.cfg.d/02-unsafe-io"
: >"$rootfs/etc/machine-id"

java_dir=$(basename "$(ls -d "$rootfs"/usr/lib/jvm/java-17-openjdk-*/ | head -n 1)")
[ -x "$rootfs/usr/lib/jvm/$java_dir/bin/java" ] || { echo "error: no JRE 17 in the base root filesystem" >&2; exit 1; }

echo "container-base: importing $IMAGE" >&2
tar -C "$rootfs" --numeric-owner -c . | podman import \
  --change 'ENV LANG=C.UTF-8' \
  --change "ENV JAVA_HOME=/usr/lib/jvm/$java_dir" \
  --change 'CMD ["java", "-version"]' \
  --change "LABEL org.opencli.base.script-sha256=$HASH" \
  - "$IMAGE" >/dev/null
# Bases of earlier script versions; one still used by an image stays (rmi refuses it).
podman image ls --format '{{.Repository}}:{{.Tag}}' localhost/oclird-base | grep -vxF "$IMAGE" \
  | xargs -r podman rmi >/dev/null 2>&1 || true
echo "$IMAGE"
