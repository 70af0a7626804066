#!/usr/bin/env bash
# The images deploy/compose/compose.yaml runs, made here where no image registry is reachable:
#   localhost/oclird:latest             the runtime (scripts/container-image.sh, as `make image`)
#   localhost/opencli-keycloak:<ver>    Keycloak's keycloak-quarkus-dist (Maven Central, unpacked by
#                                       `make build` into fleet-tests/target/keycloak) on a JDK 21+
#                                       copied from this machine (Debian bookworm's own is 17)
#   localhost/opencli-demo-upstream     the fleet's test upstream (tickets API) on port 8080
# Each is rebuilt only when its inputs changed (a hash of them is the image's label), so a repeat
# takes seconds. Needs `make build` first; prints the three image references.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# podman and its containers.conf (installs what is missing when root; fails naming it otherwise)
CONTAINERS_CONF=$(scripts/container-tools.sh | tail -n 1)
export CONTAINERS_CONF
INPUT_LABEL=org.opencli.image.inputs-sha256

scripts/container-image.sh >&2
BASE=$(scripts/container-base.sh)

KC_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' fleet-tests/pom.xml)
KC_DIST="fleet-tests/target/keycloak/keycloak-$KC_VERSION"
UPSTREAM_CLASSES=fleet-tests/target/classes/org/opencli/fleet/upstream
# Jackson for the demo upstream: the runtime's packaged copies (same BOM). fleet-tests' own
# classpath file is written at `package`, after the fleet lanes ran in `mvn verify`.
JACKSON=(runtime-service/target/quarkus-app/lib/main/com.fasterxml.jackson.core.jackson-{core,databind,annotations}-*.jar)
for need in "$KC_DIST/bin/kc.sh" "$UPSTREAM_CLASSES/TestUpstream.class" "${JACKSON[@]}"; do
  [ -e "$need" ] || { echo "error: $need is missing; run 'make build' first" >&2; exit 1; }
done

# The same JDK the fleet's Keycloak runs on: KEYCLOAK_JAVA_HOME, else the newest /usr/lib/jvm/* that is 21+.
keycloak_jdk() {
  local home major best="" best_major=0
  for home in ${KEYCLOAK_JAVA_HOME:-/usr/lib/jvm/*}; do
    [ -x "$home/bin/java" ] && [ -f "$home/release" ] || continue
    major=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$home/release")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$home; best_major=$major; fi
  done
  [ -n "$best" ] && echo "$best"
}
JDK=$(keycloak_jdk) || { echo "error: Keycloak needs a JDK 21+: set KEYCLOAK_JAVA_HOME or install one under /usr/lib/jvm" >&2; exit 1; }

# Working containers of the builds below, removed however the script ends.
CTRS=()
trap 'for c in "${CTRS[@]}"; do buildah rm "$c" >/dev/null 2>&1 || true; done' EXIT

# Builds $1 with function $3 unless an image of that name carries input hash $2.
build_unless_current() {
  local image=$1 inputs=$2 build=$3 current
  current=$(podman image inspect --format "{{index .Labels \"$INPUT_LABEL\"}}" "$image" 2>/dev/null || true)
  if [ "$current" = "$inputs" ]; then return 0; fi
  echo "compose-images: building $image" >&2
  "$build" "$image" "$inputs"
}

# buildah: the inputs live outside any one build context (a JDK, an unpacked distribution).
keycloak_image() {
  local ctr
  ctr=$(buildah from --pull-never "$BASE")
  CTRS+=("$ctr")
  buildah run "$ctr" -- useradd --system --uid 1000 --gid 0 --home-dir /opt/keycloak --no-create-home keycloak >&2
  buildah copy "$ctr" "$JDK" /opt/java >/dev/null
  buildah copy --chown 1000:0 "$ctr" "$KC_DIST" /opt/keycloak >/dev/null
  # The dist has no data/: without it the runtime makes it (root-owned) as the import mount's
  # parent, and Keycloak cannot create its H2 database there.
  buildah run "$ctr" -- install -d -o 1000 -g 0 /opt/keycloak/data >&2
  buildah config --user 1000 --workingdir /opt/keycloak --port 8080 \
    --env JAVA_HOME=/opt/java --env PATH=/opt/java/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --entrypoint '["/opt/keycloak/bin/kc.sh"]' --cmd '["start", "--optimized"]' \
    --label "$INPUT_LABEL=$2" --label org.opencli.image=opencli-keycloak "$ctr"
  # Keycloak's build step once here, so `start --optimized` comes up in well under a minute
  # instead of re-augmenting (2+ minutes) on every start as start-dev does.
  buildah run --user 1000 "$ctr" -- /opt/keycloak/bin/kc.sh build --health-enabled=true --db=dev-file >&2
  buildah commit --quiet "$ctr" "$1" >/dev/null
}

demo_upstream_image() {
  local ctr jar
  ctr=$(buildah from --pull-never "$BASE")
  CTRS+=("$ctr")
  buildah copy "$ctr" "$UPSTREAM_CLASSES" /opt/demo-upstream/classes/org/opencli/fleet/upstream >/dev/null
  buildah copy "$ctr" "${JACKSON[@]}" /opt/demo-upstream/lib/ >/dev/null
  buildah config --user 10002:10002 --port 8080 \
    --entrypoint '["java", "-cp", "/opt/demo-upstream/classes:/opt/demo-upstream/lib/*", "org.opencli.fleet.upstream.TestUpstream"]' \
    --cmd '["--bind", "0.0.0.0", "--port", "8080"]' \
    --label "$INPUT_LABEL=$2" --label org.opencli.image=opencli-demo-upstream "$ctr"
  buildah commit --quiet "$ctr" "$1" >/dev/null
}

self=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-64)
kc_inputs=$(printf '%s\n' "$self" "$BASE" "$KC_VERSION" "$(cat "$JDK/release")" | sha256sum | cut -c1-64)
up_inputs=$( (echo "$self $BASE ${JACKSON[*]}"; find "$UPSTREAM_CLASSES" -type f -print0 | sort -z | xargs -0 sha256sum) \
  | sha256sum | cut -c1-64)

KEYCLOAK_IMAGE=localhost/opencli-keycloak:$KC_VERSION
UPSTREAM_IMAGE=localhost/opencli-demo-upstream:latest
build_unless_current "$KEYCLOAK_IMAGE" "$kc_inputs" keycloak_image
build_unless_current "$UPSTREAM_IMAGE" "$up_inputs" demo_upstream_image
podman image prune --force --filter label=org.opencli.image=opencli-keycloak >/dev/null 2>&1 || true
podman image prune --force --filter label=org.opencli.image=opencli-demo-upstream >/dev/null 2>&1 || true
echo localhost/oclird:latest
echo "$KEYCLOAK_IMAGE"
echo "$UPSTREAM_IMAGE"
