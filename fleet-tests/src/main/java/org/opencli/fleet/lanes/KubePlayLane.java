package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.CatalogJson;
import org.opencli.fleet.FreePort;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.container.KubePlay;
import org.opencli.fleet.container.Podman;
import org.opencli.fleet.container.Readiness;
import org.opencli.fleet.deploy.Kustomize;
import org.opencli.fleet.keycloak.KeycloakFixture;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * The shipped Kubernetes manifests, run: {@code kubectl kustomize} renders deploy/k8s through a
 * lane overlay that sets only what differs on this host (image, the runtime's config, a host port,
 * a name prefix and label), {@code podman kube play} plays the rendered objects, and the pod is
 * driven as a user would: readiness polled, a client on the host signs in with client credentials
 * at Keycloak, sees the scoped catalog and calls the test upstream; {@code kube down}, the audit
 * volume kept, play again, call again; {@code ocli audit verify} on the volume holds both runs.
 * What podman does not play (Service, NetworkPolicy, PodDisruptionBudget, the StatefulSet) is
 * KubernetesSchemaTest's, not this lane's.
 */
public final class KubePlayLane implements Lane {
    static final String LANE = "k8s-kube-play";
    static final String NETWORK = "slirp4netns:allow_host_loopback=true";
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (Podman podman = Podman.prepare(ctx, LANE)) {
            String image = podman.oclirdImage();
            KeycloakFixture kc = ctx.keycloak();
            try (TestUpstream upstream = TestUpstream.start(0)) {
                UpstreamProject runtimeDir = RemoteRuntimeContainerLane.runtimeConfig(ctx, kc, upstream);
                int hostPort = FreePort.pick();
                String prefix = podman.name("");
                Path overlay = KubeOverlay.write(ctx, runtimeDir, image, prefix, podman.label(), hostPort);
                List<JsonNode> shipped = Kustomize.documents(Kustomize.render(ctx.repoRoot().resolve("deploy/k8s")));
                String rendered = Kustomize.render(overlay);
                ctx.artifact("rendered.yaml", rendered);
                List<JsonNode> objects = Kustomize.documents(rendered);
                KubeOverlay.checkSameObjects(ctx, shipped, objects, prefix);

                try (KubePlay play = KubePlay.of(ctx, podman, objects, NETWORK)) {
                    JsonNode deployment = play.ofKind("Deployment").get(0);
                    String secretName = deployment.at("/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef/name").asText();
                    play.removeStaleSecret(secretName);
                    play.secret(secretName, Map.of("tickets-api-token", runtimeDir.env().get("UPSTREAM_TOKEN")));
                    String url = "http://127.0.0.1:" + hostPort;
                    String pod = deployment.at("/metadata/name").asText() + "-pod-0";

                    ProcResult played = play.play();
                    ctx.check("podman kube play of the rendered objects starts the Deployment's pod", played.exitCode() == 0,
                            "exit " + played.exitCode());
                    if (!awaitReady(ctx, podman, url, pod)) return;
                    String auditVolume = auditClaim(deployment);
                    ctx.check("the audit claim became the podman volume " + auditVolume, play.volumeExists(auditVolume), auditVolume);

                    var client = RemoteRuntimeContainerLane.Client.create(ctx, url, kc);
                    ProcResult listed = client.ocli(ctx, "catalog", "list", "--format", "json");
                    List<String> tools = listed.exitCode() == 0
                            ? CatalogJson.toolIds(ctx.json(listed.stdout()).path("catalog").path("tools")) : List.of();
                    ctx.check("a client on the host, signed in by client credentials (ocli-ci), sees the scoped catalog",
                            tools.equals(List.of("upstream:getTicket", "upstream:listTickets")), "exit " + listed.exitCode() + " " + tools);
                    callUpstream(ctx, client, runtimeDir, "first play");

                    ProcResult down = play.down();
                    boolean podGone = podman.run("pod", "exists", pod).exitCode() != 0;
                    ctx.check("podman kube down removes the pod and keeps the audit volume",
                            down.exitCode() == 0 && podGone && play.volumeExists(auditVolume), "pod gone " + podGone);

                    ProcResult replayed = play.replay();
                    ctx.check("played again with the claims already bound (their volumes kept)", replayed.exitCode() == 0,
                            "exit " + replayed.exitCode());
                    if (!awaitReady(ctx, podman, url, pod)) return;
                    callUpstream(ctx, client, runtimeDir, "second play");
                    play.down();
                    auditAcrossPlays(ctx, podman, client, auditVolume);
                }
            }
        }
    }

    /** Polls readiness (podman runs no readiness probe); keeps the container log either way. */
    private static boolean awaitReady(LaneContext ctx, Podman podman, String url, String pod) throws Exception {
        boolean ready = Readiness.awaitOk(ctx, url + "/q/health/ready", START_TIMEOUT);
        ctx.check("the pod answers the readiness probe's path /q/health/ready with 200 on the host port", ready, url);
        if (!ready) ctx.artifact("pod-" + System.nanoTime() + ".log", podman.run("logs", pod + "-oclird").stdout());
        return ready;
    }

    private static void callUpstream(LaneContext ctx, RemoteRuntimeContainerLane.Client client, UpstreamProject upstream, String when)
            throws Exception {
        upstream.reset(ctx);
        ProcResult call = client.ocli(ctx, "upstream", "tickets", "list-tickets");
        int reached = upstream.requestCount(ctx);
        ctx.check("after the " + when + ": a tool call runs in the pod against the host's upstream",
                call.exitCode() == 0 && reached == 1, "exit " + call.exitCode() + ", upstream saw " + reached);
    }

    /** The trail on the kept volume verifies and holds the calls of both plays, by the same instance. */
    private static void auditAcrossPlays(LaneContext ctx, Podman podman, RemoteRuntimeContainerLane.Client client, String volume)
            throws Exception {
        String text = RemoteRuntimeContainerLane.verifyAuditVolume(ctx, podman, client, volume);
        List<JsonNode> calls = new ArrayList<>();
        for (String line : text.lines().filter(l -> !l.isBlank()).toList()) {
            JsonNode r = ctx.json(line);
            if (r.path("eventType").asText().equals("tool_execution") && r.path("toolId").asText().equals("upstream:listTickets")) {
                calls.add(r);
            }
        }
        ctx.check("the kept trail has both plays' calls, each recorded by instance 'tickets' (the Deployment's --instance-id)",
                calls.size() == 2 && calls.stream().allMatch(r -> r.path("instanceId").asText().equals("tickets")),
                calls.size() + " listTickets record(s)");
    }

    private static String auditClaim(JsonNode deployment) {
        for (JsonNode v : deployment.at("/spec/template/spec/volumes")) {
            if (v.path("name").asText().equals("audit")) return v.at("/persistentVolumeClaim/claimName").asText();
        }
        throw new IllegalStateException("the rendered Deployment has no volume named audit");
    }

    /** The lane's kustomize overlay over deploy/k8s, in the work dir. */
    static final class KubeOverlay {
        private KubeOverlay() {
        }

        static Path write(LaneContext ctx, UpstreamProject runtime, String image, String prefix, String label, int hostPort)
                throws IOException {
            Path dir = Files.createDirectories(ctx.workDir().resolve("kube-overlay"));
            List<String> files = new ArrayList<>();
            try (var list = Files.list(runtime.dir)) {
                for (Path f : list.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    files.add(f.getFileName().toString());
                }
            }
            String base = dir.relativize(ctx.repoRoot().resolve("deploy/k8s")).toString();
            int colon = image.lastIndexOf(':');
            String[] labelPair = label.split("=", 2);
            StringBuilder k = new StringBuilder();
            k.append("# The lane's overlay: only what differs on this host. Written by KubePlayLane.\n")
                    .append("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n")
                    .append("resources:\n  - ").append(base).append('\n')
                    // podman's storage is shared by every lane: names and a label that are this lane's
                    .append("namePrefix: ").append(prefix).append('\n')
                    .append("labels:\n  - includeTemplates: true\n    pairs:\n      ").append(labelPair[0]).append(": ")
                    .append(labelPair[1]).append('\n')
                    .append("images:\n  - name: registry.example.com/opencli/oclird\n    newName: ").append(image, 0, colon)
                    .append("\n    newTag: ").append(image.substring(colon + 1)).append('\n')
                    // the runtime's config for this host's Keycloak and upstream, in place of the shipped example
                    .append("configMapGenerator:\n  - name: oclird-config\n    behavior: replace\n    options:\n")
                    .append("      disableNameSuffixHash: true\n    files:\n");
            for (String f : files) k.append("      - ").append(f).append('\n');
            // podman publishes a port only where the pod names a host port; a cluster reaches it by the Service
            k.append("patches:\n  - target:\n      kind: Deployment\n      name: oclird\n    patch: |-\n")
                    .append("      - op: add\n        path: /spec/template/spec/containers/0/ports/0/hostPort\n        value: ")
                    .append(hostPort).append('\n')
                    .append("      - op: add\n        path: /spec/template/spec/containers/0/ports/0/hostIP\n        value: 127.0.0.1\n");
            Files.writeString(dir.resolve("kustomization.yaml"), k.toString());
            ctx.artifact("kustomization.yaml", k.toString());
            return dir;
        }

        /**
         * The played objects are the shipped ones: the same kinds and names (prefixed), and the
         * Deployment's pod the shipped pod but for the image, the host port and the lane's label.
         */
        static void checkSameObjects(LaneContext ctx, List<JsonNode> shipped, List<JsonNode> played, String prefix) {
            List<String> expected = shipped.stream().map(o -> kindAndName(o, prefix)).sorted().toList();
            List<String> actual = played.stream().map(o -> kindAndName(o, "")).sorted().toList();
            ctx.check("the lane plays the objects deploy/k8s renders (same kinds, names prefixed " + prefix + ")",
                    expected.equals(actual), actual.toString());
            JsonNode shippedPod = shipped.stream().filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow()
                    .at("/spec/template/spec").deepCopy();
            JsonNode playedPod = played.stream().filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow()
                    .at("/spec/template/spec").deepCopy();
            for (JsonNode pod : List.of(shippedPod, playedPod)) {
                ObjectNode c = (ObjectNode) pod.at("/containers/0");
                c.remove("image");
                ((ObjectNode) c.at("/ports/0")).remove(List.of("hostPort", "hostIP"));
                ((ObjectNode) pod).remove("serviceAccountName");
                for (JsonNode v : pod.path("volumes")) {
                    if (v.has("persistentVolumeClaim")) ((ObjectNode) v.get("persistentVolumeClaim")).remove("claimName");
                    if (v.has("configMap")) ((ObjectNode) v.get("configMap")).remove("name");
                }
                for (JsonNode e : c.path("env")) {
                    if (e.at("/valueFrom/secretKeyRef").isObject()) ((ObjectNode) e.at("/valueFrom/secretKeyRef")).remove("name");
                }
            }
            ctx.check("the played pod is the shipped pod (args, probes, security context, volumes, resources) "
                    + "but for the image, host port and prefixed references", shippedPod.equals(playedPod), "");
        }

        private static String kindAndName(JsonNode o, String prefix) {
            String name = o.at("/metadata/name").asText();
            return o.path("kind").asText() + "/" + (o.path("kind").asText().equals("Namespace") ? name : prefix + name);
        }
    }
}
