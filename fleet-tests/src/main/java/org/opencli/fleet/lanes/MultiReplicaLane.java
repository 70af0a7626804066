package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.Nginx;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.container.Podman;
import org.opencli.fleet.container.Readiness;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * Several replicas: three oclird containers from the image, each its own instance (id from
 * {@code OCLI_INSTANCE_ID}, as the StatefulSet sets it) with its own audit volume, behind nginx on
 * the host; concurrent ocli clients call an idempotent tool through the balancer while one replica
 * is killed ({@code podman kill}, SIGKILL). Every call is acknowledged (ocli retries an idempotent
 * call whose connection failed), every acknowledged call has its record in a replica's trail,
 * every trail verifies, and no record appears in two places.
 */
public final class MultiReplicaLane implements Lane {
    static final String LANE = "multi-replica";
    static final int REPLICAS = 3;
    static final int CLIENTS = 3;
    static final int CALLS_PER_CLIENT = 10;
    /** The replica killed once this many calls have been acknowledged. */
    static final int KILL_AFTER = CLIENTS * CALLS_PER_CLIENT / 3;
    static final int VICTIM = 2;

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (Podman podman = Podman.prepare(ctx, LANE)) {
            String image = podman.oclirdImage();
            try (TestUpstream upstream = TestUpstream.start(0)) {
                String hostUpstream = upstream.url().replace("127.0.0.1", RemoteRuntimeContainerLane.HOST_FROM_CONTAINER);
                UpstreamProject runtimeDir = UpstreamProject.create(ctx, upstream, config -> {
                    ((ObjectNode) config.path("services").path("upstream")).put("baseURL", hostUpstream + "/api");
                    ((ObjectNode) config.path("secrets").path("upstream.oauth")).put("tokenURL", hostUpstream + "/oauth/token");
                });
                List<Replica> replicas = new ArrayList<>();
                for (int i = 1; i <= REPLICAS; i++) replicas.add(Replica.start(ctx, podman, image, runtimeDir, i));
                for (Replica r : replicas) {
                    ctx.check("replica " + r.instanceId() + " answers /q/health/ready", Readiness.awaitOk(ctx,
                            r.url() + "/q/health/ready", KubePlayLane.START_TIMEOUT), r.url());
                }
                try (Nginx nginx = Nginx.start(ctx, replicas.stream().map(Replica::address).toList())) {
                    ctx.check("nginx balances the three replicas", Readiness.awaitOk(ctx, nginx.url() + "/q/health/ready",
                            Duration.ofSeconds(30)), nginx.url());
                    Run run = drive(ctx, podman, nginx.url(), replicas.get(VICTIM - 1));
                    ctx.artifact("nginx-error.log", nginx.errorLog());
                    trails(ctx, podman, replicas, run, upstream);
                }
            }
        }
    }

    /** One replica: its container, volumes and instance id. */
    record Replica(String container, String auditVolume, String instanceId, String address) {
        static Replica start(LaneContext ctx, Podman podman, String image, UpstreamProject config, int n) throws Exception {
            String container = podman.name("r" + n);
            String audit = podman.name("r" + n + "-audit");
            String state = podman.name("r" + n + "-state");
            String instanceId = "replica-" + n;
            podman.run("volume", "create", "--label", podman.label(), audit);
            podman.run("volume", "create", "--label", podman.label(), state);
            Map<String, String> env = new HashMap<>(config.env());
            env.put("OCLI_INSTANCE_ID", instanceId);
            List<String> args = new ArrayList<>(List.of("run", "-d", "--name", container, "--label", podman.label(),
                    "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                    "--network", KubePlayLane.NETWORK, "-p", "127.0.0.1::" + RemoteRuntimeContainerLane.CONTAINER_PORT,
                    "-v", config.dir + ":/etc/oclird:ro", "-v", audit + ":/var/lib/oclird/audit", "-v", state + ":/var/lib/oclird/state"));
            env.keySet().stream().sorted().forEach(name -> args.addAll(List.of("-e", name)));
            // no --instance-id: the id comes from OCLI_INSTANCE_ID, as deploy/k8s/statefulset sets it per pod
            args.addAll(List.of(image, "--config", "/etc/oclird/.cli.json", "--addr", "0.0.0.0:" + RemoteRuntimeContainerLane.CONTAINER_PORT,
                    "--state-dir", "/var/lib/oclird/state", "--audit-path", "/var/lib/oclird/audit/audit.log", "--runtime-mode", "remote"));
            ProcResult started = podman.run(env, Duration.ofMinutes(2), args.toArray(String[]::new));
            if (started.exitCode() != 0) throw new IllegalStateException("podman run " + container + " failed: " + started.stderr().strip());
            return new Replica(container, audit, instanceId, podman.publishedAddress(container, RemoteRuntimeContainerLane.CONTAINER_PORT));
        }

        String url() {
            return "http://" + address;
        }
    }

    /** What the clients saw: the session id of every call and whether it was acknowledged, and when the kill came. */
    record Run(Map<String, Boolean> acknowledged, int beforeKill, int afterKill) {
    }

    /** CLIENTS ocli processes at a time, each CALLS_PER_CLIENT calls of echoGet; the victim is killed a third of the way in. */
    private static Run drive(LaneContext ctx, Podman podman, String balancer, Replica victim) throws Exception {
        Path clientDir = Files.createDirectories(ctx.workDir().resolve("client"));
        Path home = Files.createDirectories(ctx.workDir().resolve("client-home"));
        Files.writeString(clientDir.resolve(".cli.json"),
                "{\"runtime\":{\"mode\":\"remote\",\"remote\":{\"url\":\"" + balancer + "\"}}}\n");
        Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger killedAt = new AtomicInteger(-1);
        Object killLock = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 1; c <= CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    for (int n = 1; n <= CALLS_PER_CLIENT; n++) {
                        String session = "mr-c" + client + "-" + n;
                        Map<String, String> env = Map.of("HOME", home.toString(), "OCLI_STATE_DIR", home.resolve("state-" + client).toString(),
                                "OCLI_SESSION_ID", session);
                        ProcResult call = ctx.ocliIn(clientDir, env, "upstream", "diagnostics", "echo-get", session);
                        acknowledged.put(session, call.exitCode() == 0 && call.stdout().contains(session));
                        int count = done.incrementAndGet();
                        synchronized (killLock) {
                            if (count >= KILL_AFTER && killedAt.get() < 0) {
                                killedAt.set(count);
                                podman.run("kill", victim.container());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) f.get();
        } finally {
            pool.shutdownNow();
        }
        int before = killedAt.get();
        int total = acknowledged.size();
        long ok = acknowledged.values().stream().filter(b -> b).count();
        ctx.check("replica " + victim.instanceId() + " was killed mid-run (" + before + " calls before, " + (total - before) + " after)",
                before > 0 && total - before >= CLIENTS, "killed after call " + before);
        String state = podman.run("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", victim.container()).stdout().strip();
        ctx.check("the killed replica is down (SIGKILL, exit 137)", state.endsWith("137"), state);
        ctx.check("every one of the " + total + " calls through the balancer was acknowledged (exit 0, its own echo)",
                ok == total && total == CLIENTS * CALLS_PER_CLIENT, ok + " of " + total);
        return new Run(acknowledged, before, total - before);
    }

    /** Each trail verifies; every acknowledged call is in one; no record is in two places; each carries its replica's id. */
    private static void trails(LaneContext ctx, Podman podman, List<Replica> replicas, Run run, TestUpstream upstream) throws Exception {
        Path verifier = Files.createDirectories(ctx.workDir().resolve("verifier-home"));
        Map<String, List<String>> replicasBySession = new HashMap<>();
        Set<String> requestIds = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        int records = 0;
        for (Replica r : replicas) {
            ProcResult mounted = podman.run("volume", "mount", r.auditVolume());
            Path file = Path.of(mounted.stdout().strip()).resolve("audit.log");
            try {
                ProcResult verify = ctx.ocliIn(verifier, Map.of("HOME", verifier.toString()), "audit", "verify", "--path", file.toString());
                ctx.check("ocli audit verify on " + r.instanceId() + "'s own volume: exit 0", verify.exitCode() == 0, verify.stdout().strip());
                String text = Files.isRegularFile(file) ? Files.readString(file) : "";
                ctx.artifact("audit-" + r.instanceId() + ".log", text);
                boolean ownId = true;
                for (String line : text.lines().filter(l -> !l.isBlank()).toList()) {
                    JsonNode record = ctx.json(line);
                    if (!record.path("eventType").asText().equals("tool_execution")) continue;
                    records++;
                    ownId &= record.path("instanceId").asText().equals(r.instanceId());
                    if (!requestIds.add(record.path("requestId").asText())) duplicates.add(record.path("requestId").asText());
                    replicasBySession.computeIfAbsent(record.path("sessionId").asText(), s -> new ArrayList<>()).add(r.instanceId());
                }
                ctx.check("every record in " + r.instanceId() + "'s trail carries its instance id (OCLI_INSTANCE_ID)", ownId, r.instanceId());
            } finally {
                podman.run("volume", "unmount", r.auditVolume());
            }
        }
        List<String> acknowledged = run.acknowledged().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toList();
        List<String> missing = acknowledged.stream().filter(s -> !replicasBySession.containsKey(s)).toList();
        ctx.check("every acknowledged call has its record in a replica's trail", missing.isEmpty(), "missing " + missing);
        String victim = replicas.get(VICTIM - 1).instanceId();
        List<String> twice = replicasBySession.entrySet().stream()
                .filter(e -> e.getValue().stream().filter(id -> !id.equals(victim)).count() > 1 || e.getValue().size() > 2)
                .map(Map.Entry::getKey).sorted().toList();
        ctx.check("each call is recorded once, by the replica that answered it (a second record only where the killed replica "
                + "had taken the first attempt)", twice.isEmpty(), "recorded more than once: " + twice);
        ctx.check("no record appears twice (request ids unique across the " + records + " records of all trails)",
                duplicates.isEmpty(), "duplicates " + duplicates);
        Set<String> served = new HashSet<>();
        replicasBySession.values().forEach(served::addAll);
        ctx.check("the surviving replicas shared the load", served.size() >= 2, "records from " + served);
        JsonNode received = ctx.json(ctx.get(upstream.url() + "/_admin/requests").body());
        Set<String> arrived = new HashSet<>();
        received.forEach(r -> arrived.add(r.path("path").asText().replaceFirst(".*/", "")));
        List<String> neverArrived = acknowledged.stream().filter(s -> !arrived.contains(s)).toList();
        ctx.check("the upstream received every acknowledged call", neverArrived.isEmpty(), "missing " + neverArrived);
    }
}
