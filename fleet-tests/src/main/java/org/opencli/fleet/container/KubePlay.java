package org.opencli.fleet.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;

/**
 * {@code podman kube play} of rendered Kubernetes objects, and everything it leaves removed at the
 * end (and before the first play, should a killed run have left it): the pod, the volumes made for
 * its claims and ConfigMaps, and the podman secrets the lane made for its Secret references.
 * Three podman 4.3 behaviours shape it: a claim's volume that already exists fails the play (so a
 * replay sends the objects without the claims, as {@code kubectl apply} leaves a bound claim
 * alone); a Secret object it plays is not readable by a {@code secretKeyRef} (so the lane makes
 * the secret itself, as JSON of base64 values, the form podman reads); and it plays pods on the
 * network given here, since a pod must reach the host's loopback (slirp4netns allow_host_loopback).
 */
public final class KubePlay implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PLAY_TIMEOUT = Duration.ofMinutes(3);

    private final LaneContext ctx;
    private final Podman podman;
    private final List<JsonNode> objects;
    private final String network;
    private final Path file;
    private final List<String> secrets = new ArrayList<>();

    private KubePlay(LaneContext ctx, Podman podman, List<JsonNode> objects, String network, Path file) {
        this.ctx = ctx;
        this.podman = podman;
        this.objects = objects;
        this.network = network;
        this.file = file;
    }

    /** Prepares playing {@code objects}; removes what an earlier run left under the same names. */
    public static KubePlay of(LaneContext ctx, Podman podman, List<JsonNode> objects, String network)
            throws IOException, InterruptedException {
        Path file = ctx.workDir().resolve("played.yaml");
        KubePlay play = new KubePlay(ctx, podman, objects, network, file);
        play.write(file, objects);
        play.removeAll();
        return play;
    }

    /** The objects of one kind, in rendered order. */
    public List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    /** A podman secret named {@code name} holding {@code data}, readable by a secretKeyRef of the played pod. */
    public void secret(String name, Map<String, String> data) throws IOException, InterruptedException {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        Path value = Files.createTempFile(ctx.workDir(), "secret", ".json");
        try {
            Files.write(value, JSON.writeValueAsBytes(encoded));
            secrets.add(name);
            ProcResult created = podman.run("secret", "create", name, value.toString());
            if (created.exitCode() != 0) throw new IllegalStateException("podman secret create " + name + " failed: " + created.stderr().strip());
        } finally {
            Files.delete(value);
        }
    }

    /** {@code podman kube play} of every object. */
    public ProcResult play() throws IOException, InterruptedException {
        return podman.run(Map.of(), PLAY_TIMEOUT, "kube", "play", "--network", network, file.toString());
    }

    /** {@code podman kube play} again once the claims exist: the objects without the PersistentVolumeClaims. */
    public ProcResult replay() throws IOException, InterruptedException {
        Path again = ctx.workDir().resolve("replayed.yaml");
        write(again, objects.stream().filter(o -> !o.path("kind").asText().equals("PersistentVolumeClaim")).toList());
        return podman.run(Map.of(), PLAY_TIMEOUT, "kube", "play", "--network", network, again.toString());
    }

    /** {@code podman kube down}: the pods go, the volumes stay. */
    public ProcResult down() throws IOException, InterruptedException {
        return podman.run(Map.of(), PLAY_TIMEOUT, "kube", "down", file.toString());
    }

    /** The names of the podman volumes the play made for claims and ConfigMaps. */
    public List<String> volumes() {
        List<String> names = new ArrayList<>();
        ofKind("PersistentVolumeClaim").forEach(c -> names.add(c.path("metadata").path("name").asText()));
        ofKind("ConfigMap").forEach(c -> names.add(c.path("metadata").path("name").asText()));
        return names;
    }

    /** Whether a podman volume of that name exists. */
    public boolean volumeExists(String name) throws IOException, InterruptedException {
        return podman.run("volume", "exists", name).exitCode() == 0;
    }

    @Override
    public void close() {
        try {
            removeAll();
        } catch (IOException | InterruptedException | RuntimeException e) {
            ctx.log("cleanup: " + e.getMessage());
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        }
    }

    private void removeAll() throws IOException, InterruptedException {
        down();
        List<String> volumes = new ArrayList<>();
        for (String v : volumes()) if (volumeExists(v)) volumes.add(v);
        if (!volumes.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("volume", "rm", "-f"));
            rm.addAll(volumes);
            podman.run(rm.toArray(String[]::new));
        }
        for (String s : secrets) podman.run("secret", "rm", s);
    }

    /** One JSON document per object: the same objects, in a form podman parses as YAML. */
    private void write(Path target, List<JsonNode> docs) throws IOException {
        List<String> parts = new ArrayList<>();
        for (JsonNode d : docs) parts.add(JSON.writeValueAsString(d));
        Files.writeString(target, String.join("\n---\n", parts) + "\n");
    }

    /** Forgets a secret made by an earlier run under {@code name}, before this run makes it. */
    public void removeStaleSecret(String name) throws IOException, InterruptedException {
        if (podman.run("secret", "inspect", name).exitCode() == 0) podman.run("secret", "rm", name);
    }
}
