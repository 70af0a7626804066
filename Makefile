# open-cli for Java — stable entry points. See README.md.
MVN      ?= mvn
MVNFLAGS ?= -B -q -e
ROOT     := $(abspath .)
FLEET_CP  = fleet-tests/target/classes:$$(cat fleet-tests/target/fleet.classpath)
GITHUB_OPENAPI := $(ROOT)/target/octokit/package/generated/api.github.com.json
MCP_NPM := target/mcp-npm
OIDC_NPM := target/oidc-npm

.PHONY: build image container-tools test test-packages format format-check demo fleet keycloak oidc-provider bench bench-catalog bench-execute bench-tracing bench-audit bench-cli github-openapi mcp-servers conformance clean

## build: compile everything and package the ocli and oclird applications (tests skipped); ocli's class-data archive
build:
	$(MVN) $(MVNFLAGS) package -DskipTests
	@scripts/ocli-cds.sh

## image: the oclird container image (localhost/oclird:latest and :<version>) with podman; BASE_IMAGE=... overrides the Debian-made base
image: build
	scripts/container-image.sh

## container-tools: podman, buildah, runc, podman-compose, debootstrap (as root) and target/containers/containers.conf
container-tools:
	scripts/container-tools.sh

## test: every test CI runs — the format check, unit, REST, CLI, end-to-end and the fleet lanes
test: test-packages format-check github-openapi mcp-servers oidc-provider
	$(MVN) -B --no-transfer-progress verify -Docli.github.openapi=$(GITHUB_OPENAPI) -Docli.mcp.npm=$(ROOT)/$(MCP_NPM)
	@scripts/test-summary.sh

## format: formats the Java sources (ide-config/eclipse-format.xml) and sorts their imports, in place
format:
	$(MVN) $(MVNFLAGS) net.revelc.code.formatter:formatter-maven-plugin:format net.revelc.code:impsort-maven-plugin:sort

## format-check: fails naming every Java file that `make format` would change (run by `make test`)
format-check:
	@scripts/format-check.sh

## demo: the embedded demo; needs nothing but a build
demo: build
	@echo "== ocli --demo catalog list"
	@bin/ocli --demo catalog list --format table
	@echo
	@echo "== ocli --demo shop --help"
	@bin/ocli --demo shop --help
	@echo
	@echo "== ocli --demo explain shop:getItem"
	@bin/ocli --demo explain shop:getItem

## fleet: the end-to-end lanes alone (artifacts in target/fleet/<lane>/); LANES="a b" runs only those
fleet: build mcp-servers oidc-provider
	java -cp "$(FLEET_CP)" org.opencli.fleet.FleetRunner "$(ROOT)" $(LANES)

## keycloak: the auth lanes' Keycloak (realms corp, upstream) by hand, for debugging; Ctrl-C stops it
keycloak: build
	java -cp "$(FLEET_CP)" org.opencli.fleet.keycloak.KeycloakFixture "$(ROOT)"

## bench: every benchmark
bench: bench-catalog bench-execute bench-tracing bench-audit bench-cli

## bench-catalog: cold catalog build of GitHub's REST description vs a plain Jackson parse; warm GET latency
bench-catalog: build github-openapi
	java -cp "$(FLEET_CP)" org.opencli.fleet.bench.CatalogBench "$(ROOT)" "$(GITHUB_OPENAPI)"

## bench-cli: whole ocli processes (start-up, warm daemon, GitHub scale, embedded) vs a plain-java hello world; needs /usr/bin/time
bench-cli: build github-openapi
	@test -x /usr/bin/time || { echo "error: make bench-cli needs GNU time; run: sudo apt-get install -y time" >&2; exit 1; }
	java -cp "$(FLEET_CP)" org.opencli.fleet.bench.CliBench "$(ROOT)" "$(GITHUB_OPENAPI)"

## bench-audit: audit store records/s per fsync mode vs a plain append+fsync loop on the same disk; latency batch adds
bench-audit: build
	java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp "$(FLEET_CP)" org.opencli.fleet.bench.AuditBench "$(ROOT)"

## bench-execute: wrk against POST /v1/tools/execute vs nginx proxying the same upstream (needs wrk, nginx)
bench-execute: build
	scripts/bench-execute.sh

## bench-tracing: the execute path with tracing on (as shipped, no export) vs off (OTEL_SDK_DISABLED=true), alternating; on/off ratios (needs wrk)
bench-tracing: build
	scripts/bench-tracing.sh

## test-packages: the Debian packages the tests need; installs them as root, else names the apt-get line
test-packages:
	@scripts/test-packages.sh

## github-openapi: GitHub's REST description from the npm registry (@octokit/openapi), for scale tests
github-openapi: $(GITHUB_OPENAPI)
$(GITHUB_OPENAPI):
	mkdir -p target/octokit
	cd target/octokit && npm pack --silent @octokit/openapi@23.0.2 >/dev/null && tar xzf octokit-openapi-*.tgz package/generated/api.github.com.json

## mcp-servers: the MCP servers and client the MCP tests drive (npm registry, pinned), under target/mcp-npm
mcp-servers:
	@scripts/mcp-servers.sh $(MCP_NPM)

## oidc-provider: the independent OpenID provider (npm oidc-provider, pinned) the Entra- and Authentik-shaped lanes run, under target/oidc-npm
oidc-provider:
	@scripts/oidc-provider.sh $(OIDC_NPM)

## conformance: the external check against ../shared/conformance (when present)
conformance: build
	scripts/conformance.sh

clean:
	$(MVN) $(MVNFLAGS) clean
	rm -rf target
