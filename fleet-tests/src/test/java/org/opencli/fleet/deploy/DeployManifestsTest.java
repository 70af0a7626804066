package org.opencli.fleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.config.SecretConfig;
import org.opencli.core.json.Json;

/**
 * The deployment artefacts under deploy/ cannot drift from the code they deploy: configs pass the
 * runtime's own loader, container arguments pass oclird's own parser, and ports, probes, volumes,
 * secrets and the security context agree with each other. Nothing here needs a cluster or a
 * container engine; it is what can be proved without one (docs/deployment.md).
 */
class DeployManifestsTest {
    static final String LIVE = "/q/health/live";
    static final String READY = "/q/health/ready";

    static DeployTree tree;
    static OclirdFlags flags;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void load() {
        tree = DeployTree.load();
        flags = OclirdFlags.compile(tree.root, scratch);
    }

    // ---- every file parses, every kustomization is complete ----

    @Test
    void everyYamlFileUnderDeployParsesAndEveryKubernetesDocumentIsNamed() {
        assertThat(tree.yamlFiles).as("YAML files under %s", tree.deploy).isNotEmpty();
        for (Path file : tree.yamlFiles) {
            List<DeployTree.Document> docs = DeployTree.parse(file);
            assertThat(docs).as("%s has no YAML document", file).isNotEmpty();
            if (!file.startsWith(tree.deploy.resolve("k8s"))) continue;
            for (DeployTree.Document doc : docs) {
                assertThat(doc.node().path("apiVersion").asText("")).as("%s: apiVersion", doc.where()).isNotBlank();
                assertThat(doc.kind()).as("%s: kind", doc.where()).isNotBlank();
                if (!doc.kind().equals("Kustomization")) {
                    assertThat(doc.name()).as("%s: metadata.name", doc.where()).isNotBlank();
                }
            }
        }
    }

    @Test
    void everyKustomizationListsEveryManifestInItsDirectoryAndOnlyWhatKustomizeCanBuild() throws IOException {
        List<Path> kustomizations = tree.yamlFiles.stream()
                .filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList();
        assertThat(kustomizations).as("kustomization.yaml files under deploy/k8s").hasSizeGreaterThanOrEqualTo(3);
        for (Path kustomization : kustomizations) {
            Path dir = kustomization.getParent();
            JsonNode k = DeployTree.parse(kustomization).get(0).node();
            Set<String> listed = new HashSet<>();
            k.path("resources").forEach(r -> listed.add(r.asText()));
            k.path("components").forEach(r -> listed.add(r.asText()));
            k.path("patches").forEach(p -> { if (p.has("path")) listed.add(p.path("path").asText()); });
            k.path("patchesStrategicMerge").forEach(p -> listed.add(p.asText()));
            for (String entry : listed) {
                Path target = dir.resolve(entry).normalize();
                boolean exists = Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml"));
                assertThat(exists).as("%s lists '%s', which is neither a file nor a kustomization directory", kustomization, entry).isTrue();
                // kustomize refuses a base that contains the overlay's own directory ("cycle detected").
                assertThat(dir.startsWith(target)).as("%s lists '%s', a directory containing itself", kustomization, entry).isFalse();
            }
            for (JsonNode p : k.path("patches")) {
                if (!p.has("path")) continue;
                for (DeployTree.Document patch : DeployTree.parse(dir.resolve(p.path("path").asText()))) {
                    assertThat(tree.documents).as("%s: patch %s targets no resource under deploy/k8s", kustomization, patch.where())
                            .anyMatch(d -> !d.isPatch() && d.kind().equals(patch.kind()) && d.name().equals(patch.name()));
                }
            }
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = file.getFileName().toString();
                    if (name.equals("kustomization.yaml") || !(name.endsWith(".yaml") || name.endsWith(".yml"))) continue;
                    assertThat(listed).as("%s does not list %s (kubectl apply -k would silently skip it)", kustomization, name)
                            .contains(name);
                }
            }
        }
    }

    // ---- configs pass the runtime's own loader ----

    @Test
    void everyConfigMapCliJsonPassesTheRuntimeConfigLoader() {
        List<DeployTree.Document> configMaps = tree.kubernetes("ConfigMap");
        int configs = 0;
        for (DeployTree.Document cm : configMaps) {
            Iterator<Map.Entry<String, JsonNode>> data = cm.node().path("data").fields();
            while (data.hasNext()) {
                Map.Entry<String, JsonNode> entry = data.next();
                if (!entry.getKey().endsWith(".cli.json")) continue;
                configs++;
                LoadedConfig loaded = ShippedConfig.validate(entry.getValue().asText(),
                        scratch.resolve("cm-" + cm.name() + "-" + configs), cm.where() + " data." + entry.getKey());
                assertThat(loaded.config().runtime().server()).as("%s: runtime.server.auth", cm.where()).isNotNull();
                assertThat(loaded.config().runtime().server().auth()).as("%s: runtime.server.auth", cm.where()).isNotNull();
            }
        }
        assertThat(configs).as("ConfigMaps under deploy/k8s holding a .cli.json").isPositive();
    }

    @Test
    void theConfigEachWorkloadPassesWithConfigIsMountedFromAConfigMapKey() {
        for (DeployTree.Document workload : workloads()) {
            JsonNode pod = podSpec(workload);
            JsonNode container = oclirdContainer(workload);
            String config = flags.parse(args(container), workload.where()).get("oclird.config");
            assertThat(config).as("%s: oclird needs --config (the pinned default config)", workload.where()).isNotNull();
            Mount mount = mountFor(container, config).orElseThrow(() -> new AssertionError(
                    workload.where() + ": --config " + config + " is on no volume mount"));
            JsonNode volume = volumeNamed(pod, mount.volume());
            String configMap = volume.path("configMap").path("name").asText("");
            assertThat(configMap).as("%s: volume '%s' holding %s is not a ConfigMap", workload.where(), mount.volume(), config).isNotBlank();
            String key = mount.subPath() != null ? mount.subPath() : mount.relative(config);
            JsonNode cm = tree.kubernetes("ConfigMap").stream().filter(d -> d.name().equals(configMap)).findFirst()
                    .orElseThrow(() -> new AssertionError(workload.where() + ": ConfigMap " + configMap + " is not under deploy/k8s"))
                    .node();
            assertThat(cm.path("data").has(key)).as("%s: ConfigMap %s has no key '%s' for --config %s",
                    workload.where(), configMap, key, config).isTrue();
        }
    }

    @Test
    void theComposeConfigPassesTheRuntimeConfigLoader() throws IOException {
        JsonNode oclird = composeOclird();
        String config = flags.parse(textList(oclird.path("command")), tree.compose() + " services.oclird.command").get("oclird.config");
        assertThat(config).as("compose oclird --config").isNotNull();
        Path hostFile = composeHostPath(oclird, config).orElseThrow(() -> new AssertionError(
                tree.compose() + ": --config " + config + " is on no bind mount"));
        assertThat(hostFile).as("compose config file on the host").isRegularFile();
        // Load it inside a copy of the container's bind mounts, so relative refs resolve as they would there.
        Path containerRoot = Files.createDirectories(scratch.resolve("compose-root"));
        for (String v : textList(oclird.path("volumes"))) {
            String[] parts = v.split(":");
            if (!parts[0].startsWith(".")) continue; // named volumes hold no shipped files
            copyTree(tree.compose().getParent().resolve(parts[0]).normalize(), containerRoot.resolve(parts[1].substring(1)));
        }
        Path dir = containerRoot.resolve(config.substring(1)).getParent();
        ShippedConfig.validate(dir.resolve(".cli.json"), scratch, hostFile.toString());
    }

    @Test
    void composeMountsNoFileInsideAnotherBindMount() {
        JsonNode services = ComposeFile.withDefaults(tree.compose()).path("services");
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> service = it.next();
            List<String[]> binds = textList(service.getValue().path("volumes")).stream().map(v -> v.split(":"))
                    .filter(parts -> parts[0].startsWith(".") || parts[0].startsWith("/")).toList();
            for (String[] file : binds) {
                if (!Files.isRegularFile(tree.compose().getParent().resolve(file[0]))) continue;
                // the runtime cannot create the file's mount point inside a (read-only) directory mount
                assertThat(binds).as("compose %s: file %s is mounted inside another bind mount", service.getKey(), file[1])
                        .noneMatch(dir -> dir != file && Path.of(file[1]).startsWith(dir[1]));
            }
        }
    }

    @Test
    void composeKeycloakFillsTheRealmFilesPlaceholders() throws IOException {
        JsonNode keycloak = ComposeFile.withDefaults(tree.compose()).path("services").path("keycloak");
        Set<String> placeholders = new HashSet<>();
        for (String v : textList(keycloak.path("volumes"))) {
            Path source = tree.compose().getParent().resolve(v.split(":")[0]).normalize();
            if (!Files.isDirectory(source)) continue;
            try (var files = Files.list(source)) {
                for (Path realm : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    Matcher m = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}").matcher(Files.readString(realm));
                    while (m.find()) placeholders.add(m.group(1));
                }
            }
        }
        assertThat(placeholders).as("realm file placeholders").isNotEmpty();
        for (String name : placeholders) {
            assertThat(keycloak.path("environment").path(name).asText("")).as("compose keycloak environment sets %s", name)
                    .startsWith("http");
        }
    }

    // ---- container arguments pass oclird's parser; ports agree ----

    @Test
    void containerArgumentsAreAcceptedByOclirdAndListenOnAllInterfaces() {
        for (DeployTree.Document workload : workloads()) {
            Map<String, String> props = flags.parse(args(oclirdContainer(workload)), workload.where());
            assertThat(props.get("quarkus.http.host")).as("%s: --addr host (loopback is unreachable from the Service)",
                    workload.where()).isEqualTo("0.0.0.0");
            assertThat(props).as("%s: --state-dir and --audit-path", workload.where())
                    .containsKeys("oclird.state-dir", "oclird.audit-path");
        }
        Map<String, String> compose = flags.parse(textList(composeOclird().path("command")), tree.compose() + " oclird");
        assertThat(compose.get("quarkus.http.host")).as("compose --addr host").isEqualTo("0.0.0.0");
        Map<String, String> image = flags.parse(containerfileCmd(), tree.containerfile() + " CMD");
        assertThat(image.get("quarkus.http.host")).as("Containerfile CMD --addr host").isEqualTo("0.0.0.0");
    }

    /** Services, NetworkPolicy and probes are checked on the rendered objects by KubernetesSchemaTest. */
    @Test
    void containerPortEqualsTheAddrPortInEveryArtefact() {
        for (DeployTree.Document workload : workloads()) {
            int port = addrPort(workload);
            assertThat(portNumbers(oclirdContainer(workload))).as("%s: containerPort for --addr port %d", workload.where(), port).contains(port);
        }
        int composePort = Integer.parseInt(flags.parse(textList(composeOclird().path("command")), "compose").get("quarkus.http.port"));
        assertThat(textList(composeOclird().path("ports"))).as("compose oclird ports publish --addr port %d", composePort)
                .anyMatch(p -> p.endsWith(":" + composePort));
        int imagePort = Integer.parseInt(flags.parse(containerfileCmd(), "Containerfile").get("quarkus.http.port"));
        assertThat(containerfileLines("EXPOSE")).as("Containerfile EXPOSE").contains(String.valueOf(imagePort));
    }

    @Test
    void composeUsesTheImagesHealthcheck() {
        // compose uses the image's HEALTHCHECK: podman-compose 1.0.3 turns a `test:` list into a /bin/sh -c string
        assertThat(composeOclird().has("healthcheck")).as("compose oclird overrides the image's health check").isFalse();
        List<String> healthcheck = containerfileLines("HEALTHCHECK");
        assertThat(healthcheck).as("%s: one HEALTHCHECK", tree.containerfile()).hasSize(1);
        assertThat(healthcheck.get(0)).as("Containerfile HEALTHCHECK: exec form, the JDK-only probe (defaults to %s)", READY)
                .contains("CMD [\"java\"").contains("org.opencli.service.launch.HealthProbe");
    }

    @Test
    void podsGetMoreTimeToStopThanTheDrainTakes() {
        for (DeployTree.Document workload : workloads()) {
            String timeout = flags.parse(args(oclirdContainer(workload)), workload.where()).getOrDefault("oclird.shutdown-timeout", "30s");
            Matcher d = Pattern.compile("(\\d+)(ms|s|m)").matcher(timeout);
            assertThat(d.matches()).as("%s: --shutdown-timeout %s", workload.where(), timeout).isTrue();
            long amount = Long.parseLong(d.group(1));
            long drainSeconds = switch (d.group(2)) { case "ms" -> (amount + 999) / 1000; case "m" -> amount * 60; default -> amount; };
            assertThat(podSpec(workload).path("terminationGracePeriodSeconds").asLong(30))
                    .as("%s: terminationGracePeriodSeconds beyond the %s drain and its records", workload.where(), timeout)
                    .isGreaterThanOrEqualTo(drainSeconds + 20);
        }
    }

    // ---- security context, writable paths, secrets ----

    @Test
    void podsRunNonRootWithAReadOnlyRootAndNoCapabilities() {
        String imageUser = containerfileLines("USER").get(0).split(":")[0];
        assertThat(imageUser).as("Containerfile USER must be numeric so the kubelet can verify runAsNonRoot").matches("[1-9][0-9]*");
        for (DeployTree.Document workload : workloads()) {
            JsonNode pod = podSpec(workload).path("securityContext");
            JsonNode c = oclirdContainer(workload).path("securityContext");
            String where = workload.where();
            assertThat(c.path("runAsNonRoot").asBoolean(false) || pod.path("runAsNonRoot").asBoolean(false))
                    .as("%s: runAsNonRoot", where).isTrue();
            assertThat(c.path("readOnlyRootFilesystem").asBoolean(false)).as("%s: readOnlyRootFilesystem", where).isTrue();
            assertThat(c.path("allowPrivilegeEscalation").asBoolean(true)).as("%s: allowPrivilegeEscalation false", where).isFalse();
            assertThat(textList(c.path("capabilities").path("drop"))).as("%s: capabilities.drop", where).contains("ALL");
            assertThat(textList(c.path("capabilities").path("add"))).as("%s: capabilities.add", where).isEmpty();
            assertThat(pod.path("seccompProfile").path("type").asText("")).as("%s: seccompProfile", where).isEqualTo("RuntimeDefault");
            String runAs = c.has("runAsUser") ? c.path("runAsUser").asText() : pod.path("runAsUser").asText("");
            assertThat(runAs).as("%s: runAsUser matches the image's USER", where).isEqualTo(imageUser);
        }
        JsonNode compose = composeOclird();
        assertThat(compose.path("read_only").asBoolean(false)).as("compose oclird read_only").isTrue();
        assertThat(textList(compose.path("cap_drop"))).as("compose oclird cap_drop").contains("ALL");
        assertThat(compose.path("user").asText("").split(":")[0]).as("compose oclird user").isEqualTo(imageUser);
    }

    @Test
    void everyPathOclirdWritesIsOnAWritableVolume() {
        for (DeployTree.Document workload : workloads()) {
            JsonNode container = oclirdContainer(workload);
            Map<String, String> props = flags.parse(args(container), workload.where());
            for (String path : writablePaths(props)) {
                Optional<Mount> mount = mountFor(container, path);
                assertThat(mount).as("%s: %s is written but on no volume (the root filesystem is read-only)", workload.where(), path)
                        .isPresent();
                assertThat(mount.get().readOnly()).as("%s: %s is on a read-only mount", workload.where(), path).isFalse();
            }
        }
        JsonNode compose = composeOclird();
        Map<String, String> props = flags.parse(textList(compose.path("command")), "compose");
        List<String> writable = new ArrayList<>(textList(compose.path("tmpfs")));
        for (String v : textList(compose.path("volumes"))) {
            String[] parts = v.split(":");
            if (parts.length < 3 || !parts[2].contains("ro")) writable.add(parts[1]);
        }
        for (String path : writablePaths(props)) {
            assertThat(writable).as("compose oclird: %s is written but on no writable volume or tmpfs", path)
                    .anyMatch(target -> Path.of(path).startsWith(target));
        }
        List<String> imageVolumes = containerfileLines("VOLUME");
        for (String path : writablePaths(flags.parse(containerfileCmd(), "Containerfile"))) {
            if (path.equals("/tmp")) continue;
            assertThat(imageVolumes).as("Containerfile VOLUME covers %s", path).anyMatch(v -> v.contains("\"" + path + "\"")
                    || v.contains("\"" + Path.of(path).getParent() + "\""));
        }
    }

    @Test
    void upstreamCredentialsComeFromSecretsAndAreNeverInline() {
        for (DeployTree.Document workload : workloads()) {
            JsonNode container = oclirdContainer(workload);
            LoadedConfig config = configOf(workload);
            int envSecrets = 0;
            for (Map.Entry<String, SecretConfig> secret : config.config().secrets().entrySet()) {
                if (!"env".equals(secret.getValue().type())) continue;
                envSecrets++;
                String name = secret.getValue().value();
                JsonNode env = envNamed(container, name).orElseThrow(() -> new AssertionError(workload.where()
                        + ": config secret '" + secret.getKey() + "' reads env " + name + ", which the container does not set"));
                assertThat(env.has("value")).as("%s: env %s must not carry an inline value", workload.where(), name).isFalse();
                assertThat(env.path("valueFrom").path("secretKeyRef").path("name").asText(""))
                        .as("%s: env %s comes from a Secret", workload.where(), name).isNotBlank();
            }
            assertThat(envSecrets).as("%s: env-type secrets in its config", workload.where()).isPositive();
            for (JsonNode env : container.path("env")) {
                String name = env.path("name").asText();
                if (name.matches("(?i).*(token|secret|password|credential|apikey|api_key).*")) {
                    assertThat(env.has("value")).as("%s: env %s looks like a credential but has an inline value", workload.where(), name).isFalse();
                }
            }
        }
    }

    @Test
    void noWorkloadArgumentReferencesAVariable() {
        for (DeployTree.Document workload : workloads()) {
            for (String arg : args(oclirdContainer(workload))) {
                assertThat(arg).as("%s: argument uses $(VAR) expansion, which podman kube play does not do", workload.where())
                        .doesNotContainPattern("\\$\\([A-Za-z_][A-Za-z0-9_]*\\)");
            }
        }
    }

    // ---- scaling model: one audit writer per instance ----

    @Test
    void aDeploymentRunsOneInstanceAndIsReplacedNotRolled() {
        List<DeployTree.Document> deployments = tree.kubernetes("Deployment");
        assertThat(deployments).as("Deployments under deploy/k8s").isNotEmpty();
        for (DeployTree.Document d : deployments) {
            assertThat(d.node().path("spec").path("replicas").asInt(1)).as("%s: replicas (single audit writer)", d.where()).isEqualTo(1);
            assertThat(d.node().path("spec").path("strategy").path("type").asText("RollingUpdate"))
                    .as("%s: strategy (a rolling update would run two writers on one audit volume)", d.where()).isEqualTo("Recreate");
        }
    }

    @Test
    void aStatefulSetGivesEveryReplicaItsOwnInstanceIdAndVolumes() {
        List<DeployTree.Document> sets = tree.kubernetes("StatefulSet");
        assertThat(sets).as("StatefulSets under deploy/k8s").isNotEmpty();
        for (DeployTree.Document s : sets) {
            JsonNode container = oclirdContainer(s);
            Map<String, String> props = flags.parse(args(container), s.where());
            // The id comes from the pod's name through OCLI_INSTANCE_ID: no per-pod argument, which
            // podman kube play would not expand and no offline check could read.
            assertThat(props).as("%s: no --instance-id argument (it would be the same for every pod)", s.where())
                    .doesNotContainKey("oclird.instance-id");
            JsonNode env = envNamed(container, "OCLI_INSTANCE_ID").orElseThrow(() -> new AssertionError(
                    s.where() + ": OCLI_INSTANCE_ID is not set, so every pod would derive the same instance id"));
            assertThat(env.path("valueFrom").path("fieldRef").path("fieldPath").asText(""))
                    .as("%s: OCLI_INSTANCE_ID comes from the pod's name", s.where()).isEqualTo("metadata.name");
            Set<String> templates = new HashSet<>();
            s.node().path("spec").path("volumeClaimTemplates").forEach(t -> templates.add(t.path("metadata").path("name").asText()));
            for (String path : List.of(props.get("oclird.state-dir"), Path.of(props.get("oclird.audit-path")).getParent().toString())) {
                Mount mount = mountFor(container, path).orElseThrow(() -> new AssertionError(s.where() + ": " + path + " is on no mount"));
                assertThat(templates).as("%s: %s must be on a per-pod volumeClaimTemplate", s.where(), path).contains(mount.volume());
            }
        }
    }

    // ---- helpers ----

    record Mount(String volume, String mountPath, String subPath, boolean readOnly) {
        String relative(String path) {
            return Path.of(mountPath).relativize(Path.of(path)).toString();
        }
    }

    static List<DeployTree.Document> workloads() {
        List<DeployTree.Document> all = tree.workloads();
        assertThat(all).as("Deployments and StatefulSets under deploy/k8s").isNotEmpty();
        return all;
    }

    static JsonNode podSpec(DeployTree.Document workload) {
        return workload.node().path("spec").path("template").path("spec");
    }

    static JsonNode podTemplateLabels(DeployTree.Document workload) {
        return workload.node().path("spec").path("template").path("metadata").path("labels");
    }

    static JsonNode oclirdContainer(DeployTree.Document workload) {
        for (JsonNode c : podSpec(workload).path("containers")) {
            if (c.path("name").asText().equals("oclird")) return c;
        }
        throw new AssertionError(workload.where() + ": no container named oclird");
    }

    static List<String> args(JsonNode container) {
        List<String> all = new ArrayList<>(textList(container.path("command")));
        all.addAll(textList(container.path("args")));
        return all;
    }

    static int addrPort(DeployTree.Document workload) {
        String port = flags.parse(args(oclirdContainer(workload)), workload.where()).get("quarkus.http.port");
        assertThat(port).as("%s: --addr (the default port 0 picks a random port no Service can reach)", workload.where()).isNotNull();
        assertThat(port).as("%s: --addr port", workload.where()).isNotEqualTo("0");
        return Integer.parseInt(port);
    }

    static List<Integer> portNumbers(JsonNode container) {
        List<Integer> ports = new ArrayList<>();
        container.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
        return ports;
    }

    /** The deepest volume mount containing {@code path}. */
    static Optional<Mount> mountFor(JsonNode container, String path) {
        Mount best = null;
        for (JsonNode m : container.path("volumeMounts")) {
            String mountPath = m.path("mountPath").asText();
            if (!Path.of(path).startsWith(mountPath)) continue;
            if (best == null || mountPath.length() > best.mountPath().length()) {
                best = new Mount(m.path("name").asText(), mountPath, m.has("subPath") ? m.path("subPath").asText() : null,
                        m.path("readOnly").asBoolean(false));
            }
        }
        return Optional.ofNullable(best);
    }

    static JsonNode volumeNamed(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) if (v.path("name").asText().equals(name)) return v;
        throw new AssertionError("no volume named " + name);
    }

    static Optional<JsonNode> envNamed(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) if (e.path("name").asText().equals(name)) return Optional.of(e);
        return Optional.empty();
    }

    /** State dir, the audit log's directory and /tmp (the JVM's and Vert.x's scratch space). */
    static List<String> writablePaths(Map<String, String> props) {
        List<String> paths = new ArrayList<>();
        assertThat(props).as("oclird arguments name --state-dir and --audit-path").containsKeys("oclird.state-dir", "oclird.audit-path");
        paths.add(props.get("oclird.state-dir"));
        paths.add(Path.of(props.get("oclird.audit-path")).getParent().toString());
        paths.add("/tmp");
        return paths;
    }

    static LoadedConfig configOf(DeployTree.Document workload) {
        JsonNode container = oclirdContainer(workload);
        String config = flags.parse(args(container), workload.where()).get("oclird.config");
        Mount mount = mountFor(container, config).orElseThrow();
        String cmName = volumeNamed(podSpec(workload), mount.volume()).path("configMap").path("name").asText();
        String key = mount.subPath() != null ? mount.subPath() : mount.relative(config);
        JsonNode cm = tree.kubernetes("ConfigMap").stream().filter(d -> d.name().equals(cmName)).findFirst().orElseThrow().node();
        return ShippedConfig.validate(cm.path("data").path(key).asText(), scratch.resolve("secrets-" + workload.kind()), workload.where());
    }

    static JsonNode composeOclird() {
        JsonNode service = ComposeFile.withDefaults(tree.compose()).path("services").path("oclird");
        assertThat(service.isObject()).as("%s: services.oclird", tree.compose()).isTrue();
        return service;
    }

    static void copyTree(Path source, Path target) throws IOException {
        try (var paths = Files.walk(source)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, Files.createDirectories(dest.getParent()).resolve(dest.getFileName()));
            }
        }
    }

    static Optional<Path> composeHostPath(JsonNode service, String containerPath) {
        String bestTarget = null;
        String bestSource = null;
        for (String v : textList(service.path("volumes"))) {
            String[] parts = v.split(":");
            if (parts.length < 2 || !parts[0].startsWith(".")) continue; // named volumes are not host files
            if (Path.of(containerPath).startsWith(parts[1]) && (bestTarget == null || parts[1].length() > bestTarget.length())) {
                bestTarget = parts[1];
                bestSource = parts[0];
            }
        }
        if (bestTarget == null) return Optional.empty();
        Path source = tree.compose().getParent().resolve(bestSource).normalize();
        return Optional.of(source.resolve(Path.of(bestTarget).relativize(Path.of(containerPath)).toString()));
    }

    /** The instruction's argument text for every line starting with {@code instruction}. */
    static List<String> containerfileLines(String instruction) {
        try {
            // an instruction continued over several lines (trailing backslash) counts as one line
            return List.of(Files.readString(tree.containerfile()).replace("\\\n", " ").split("\n")).stream()
                    .filter(l -> l.startsWith(instruction + " "))
                    .map(l -> l.substring(instruction.length() + 1).trim())
                    .toList();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + tree.containerfile(), e);
        }
    }

    static List<String> containerfileCmd() {
        List<String> cmd = containerfileLines("CMD");
        assertThat(cmd).as("%s: one CMD", tree.containerfile()).hasSize(1);
        try {
            return textList(Json.MAPPER.readTree(cmd.get(0)));
        } catch (IOException e) {
            throw new AssertionError(tree.containerfile() + ": CMD is not a JSON array (exec form): " + cmd.get(0), e);
        }
    }

    static List<String> textList(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) node.forEach(n -> out.add(n.asText()));
        else if (node.isTextual()) out.add(node.asText());
        return out;
    }
}
