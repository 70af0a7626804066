#!/usr/bin/env bash
# `make image`: builds localhost/oclird:latest and localhost/oclird:<version> from deploy/container/
# with podman, on the packaged runtime (make build), and prints the image size.
#
#   BASE_IMAGE=eclipse-temurin:17-jre scripts/container-image.sh   # where an image registry is reachable
#
# Without BASE_IMAGE the base is the Debian-made one (scripts/container-base.sh, cached).
# Unchanged inputs reuse podman's layer cache, so a second run takes seconds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# podman and its containers.conf (installs what is missing when root; fails naming it otherwise)
CONTAINERS_CONF=$(scripts/container-tools.sh | tail -n 1)
export CONTAINERS_CONF

if [ ! -f runtime-service/target/quarkus-app/quarkus-run.jar ]; then
  echo "error: runtime-service/target/quarkus-app is missing; run 'make build' first" >&2
  exit 1
fi
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
BASE_IMAGE="${BASE_IMAGE:-$(scripts/container-base.sh)}"
IMAGE=localhost/oclird

echo "image: building $IMAGE:latest and $IMAGE:$VERSION on $BASE_IMAGE" >&2
# --format docker keeps the HEALTHCHECK (the OCI format has no field for it).
podman build --format docker --layers \
  --build-arg "BASE_IMAGE=$BASE_IMAGE" \
  --label org.opencli.image=oclird \
  --label "org.opencontainers.image.version=$VERSION" \
  -f deploy/container/Containerfile -t "$IMAGE:latest" -t "$IMAGE:$VERSION" . >&2
# Earlier builds' images that lost their tags to this one; images still in use are kept.
podman image prune --force --filter label=org.opencli.image=oclird >/dev/null 2>&1 || true
podman image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}  (id {{.ID}})' "$IMAGE:latest"
