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
            // the victim calls an upstream of its own, so the lane sees when a call is in flight there
            try (TestUpstream upstream = TestUpstream.start(0); TestUpstream victimUpstream = TestUpstream.start(0)) {
                UpstreamProject runtimeDir = UpstreamProject.create(ctx, upstream, config -> pointAt(config, upstream));
                Path victimDir = victimConfig(ctx, runtimeDir, victimUpstream);
                List<Replica> replicas = new ArrayList<>();
                for (int i = 1; i <= REPLICAS; i++) {
                    replicas.add(Replica.start(ctx, podman, image, i == VICTIM ? victimDir : runtimeDir.dir, runtimeDir.env(), i));
                }
                for (Replica r : replicas) {
                    ctx.check("replica " + r.instanceId() + " answers /q/health/ready", Readiness.awaitOk(ctx,
                            r.url() + "/q/health/ready", KubePlayLane.START_TIMEOUT), r.url());
                }
                try (Nginx nginx = Nginx.start(ctx, replicas.stream().map(Replica::address).toList())) {
                    ctx.check("nginx balances the three replicas", Readiness.awaitOk(ctx, nginx.url() + "/q/health/ready",
                            Duration.ofSeconds(30)), nginx.url());
                    Run run = drive(ctx, podman, nginx.url(), replicas.get(VICTIM - 1), victimUpstream);
                    ctx.artifact("nginx-error.log", nginx.errorLog());
                    trails(ctx, podman, replicas, run, List.of(upstream, victimUpstream));
                }
            }
        }
    }

    /** The upstream as the containers reach it (the host's loopback through slirp4netns). */
    private static void pointAt(ObjectNode config, TestUpstream upstream) {
        String host = upstream.url().replace("127.0.0.1", RemoteRuntimeContainerLane.HOST_FROM_CONTAINER);
        ((ObjectNode) config.path("services").path("upstream")).put("baseURL", host + "/api");
        ((ObjectNode) config.path("secrets").path("upstream.oauth")).put("tokenURL", host + "/oauth/token");
    }

    /** A copy of the runtime's config dir pointed at the victim's own upstream. */
    private static Path victimConfig(LaneContext ctx, UpstreamProject runtime, TestUpstream victimUpstream) throws Exception {
        Path dir = Files.createDirectories(ctx.workDir().resolve("upstream-victim"));
        try (var files = Files.list(runtime.dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        ObjectNode config = (ObjectNode) ctx.json(Files.readString(dir.resolve(".cli.json")));
        pointAt(config, victimUpstream);
        Files.writeString(dir.resolve(".cli.json"), config.toPrettyString());
        return dir;
    }

    /** One replica: its container, volumes and instance id. */
    record Replica(String container, String auditVolume, String instanceId, String address) {
        static Replica start(LaneContext ctx, Podman podman, String image, Path configDir, Map<String, String> secrets, int n)
                throws Exception {
            String container = podman.name("r" + n);
            String audit = podman.name("r" + n + "-audit");
            String state = podman.name("r" + n + "-state");
            String instanceId = "replica-" + n;
            podman.run("volume", "create", "--label", podman.label(), audit);
            podman.run("volume", "create", "--label", podman.label(), state);
            Map<String, String> env = new HashMap<>(secrets);
            env.put("OCLI_INSTANCE_ID", instanceId);
            List<String> args = new ArrayList<>(List.of("run", "-d", "--name", container, "--label", podman.label(),
                    "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                    "--network", KubePlayLane.NETWORK, "-p", "127.0.0.1::" + RemoteRuntimeContainerLane.CONTAINER_PORT,
                    "-v", configDir + ":/etc/oclird:ro", "-v", audit + ":/var/lib/oclird/audit", "-v", state + ":/var/lib/oclird/state"));
            env.keySet().stream().sorted().forEach(name -> args.addAll(List.of("-e", name)));
            // no --instance-id: the id comes from OCLI_INSTANCE_ID, as deploy/k8s/statefulset sets it per pod.
            // This lane is about balancing and audit, not sign-in (k8s-kube-play and remote-runtime-container
            // run with runtime auth): a network address without runtime auth must be allowed explicitly,
            // and then serves only the daemon's own config.
            args.addAll(List.of(image, "--config", "/etc/oclird/.cli.json", "--allow-unauthenticated-remote",
                    "--addr", "0.0.0.0:" + RemoteRuntimeContainerLane.CONTAINER_PORT,
                    "--state-dir", "/var/lib/oclird/state", "--audit-path", "/var/lib/oclird/audit/audit.log", "--runtime-mode", "remote"));
            ProcResult started = podman.run(env, Duration.ofMinutes(2), args.toArray(String[]::new));
            if (started.exitCode() != 0) throw new IllegalStateException("podman run " + container + " failed: " + started.stderr().strip());
            return new Replica(container, audit, instanceId, podman.publishedAddress(container, RemoteRuntimeContainerLane.CONTAINER_PORT));
        }

        String url() {
            return "http://" + address;
        }
    }

    /**
     * What the clients saw: per call (session id) whether it was acknowledged and the {@code ms} it
     * asked for (its mark in the upstream's log), how many calls came before and after the kill,
     * and the calls in flight at the victim when it was killed.
     */
    record Run(Map<String, Boolean> acknowledged, Map<String, Integer> marks, int beforeKill, int afterKill, List<Integer> cutOff) {
    }

    /**
     * CLIENTS ocli processes at a time, each CALLS_PER_CLIENT calls of getSlow (three seconds or more in
     * the replica, a distinct {@code ms} per call); once a third are done, the victim is killed
     * while its upstream holds one of its calls, so that call's answer is lost mid-way.
     */
    private static Run drive(LaneContext ctx, Podman podman, String balancer, Replica victim, TestUpstream victimUpstream)
            throws Exception {
        Path clientDir = Files.createDirectories(ctx.workDir().resolve("client"));
        Path home = Files.createDirectories(ctx.workDir().resolve("client-homes"));
        for (int c = 1; c <= CLIENTS; c++) Files.createDirectories(home.resolve("c" + c));
        Files.writeString(clientDir.resolve(".cli.json"),
                "{\"runtime\":{\"mode\":\"remote\",\"remote\":{\"url\":\"" + balancer + "\"}}}\n");
        Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
        Map<String, Integer> marks = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 1; c <= CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    for (int n = 1; n <= CALLS_PER_CLIENT; n++) {
                        String session = "mr-c" + client + "-" + n;
                        int ms = 3000 + (client - 1) * CALLS_PER_CLIENT + n;
                        marks.put(session, ms);
                        // each client a user of its own, sharing nothing with the runtimes or the other clients
                        ProcResult call = ctx.ocliAs(home.resolve("c" + client), clientDir, Map.of("OCLI_SESSION_ID", session),
                                "upstream", "diagnostics", "get-slow", "--ms", String.valueOf(ms));
                        acknowledged.put(session, call.exitCode() == 0 && call.stdout().contains(String.valueOf(ms)));
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            Future<Kill> kill = pool.submit(() -> killWhileInFlight(ctx, podman, victim, victimUpstream, done));
            for (Future<?> f : clients) f.get();
            Kill k = kill.get();
            int total = acknowledged.size();
            long ok = acknowledged.values().stream().filter(b -> b).count();
            ctx.check("replica " + victim.instanceId() + " was killed mid-run with a call in flight there (" + k.before()
                    + " calls done before, ms=" + k.cutOff() + " in flight)", k.before() > 0 && k.before() < total && !k.cutOff().isEmpty(),
                    "killed after call " + k.before());
            String state = podman.run("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", victim.container()).stdout().strip();
            ctx.check("the killed replica is down (SIGKILL, exit 137)", state.endsWith("137"), state);
            ctx.check("every one of the " + total + " calls through the balancer was acknowledged (exit 0, its own answer)",
                    ok == total && total == CLIENTS * CALLS_PER_CLIENT, ok + " of " + total);
            return new Run(acknowledged, marks, k.before(), total - k.before(), k.cutOff());
        } finally {
            pool.shutdownNow();
        }
    }

    record Kill(int before, List<Integer> cutOff) {
    }

    /** Once KILL_AFTER calls are done, waits for a call to reach the victim's upstream (it sleeps there) and kills the victim. */
    private static Kill killWhileInFlight(LaneContext ctx, Podman podman, Replica victim, TestUpstream victimUpstream, AtomicInteger done)
            throws Exception {
        Readiness.awaitTrue(ctx, KILL_AFTER + " calls done", Duration.ofMinutes(5), () -> done.get() >= KILL_AFTER);
        int seen = upstreamRequests(ctx, victimUpstream).size();
        boolean inFlight = Readiness.awaitTrue(ctx, "a call reached " + victim.instanceId() + "'s upstream", Duration.ofMinutes(2),
                () -> upstreamRequests(ctx, victimUpstream).size() > seen);
        int before = done.get();
        podman.run("kill", victim.container());
        List<Integer> cutOff = new ArrayList<>();
        if (inFlight) {
            List<JsonNode> requests = upstreamRequests(ctx, victimUpstream);
            for (JsonNode r : requests.subList(seen, requests.size())) cutOff.add(Integer.parseInt(r.path("query").asText().replace("ms=", "")));
        }
        return new Kill(before, cutOff);
    }

    private static List<JsonNode> upstreamRequests(LaneContext ctx, TestUpstream upstream) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        ctx.json(ctx.get(upstream.url() + "/_admin/requests").body()).forEach(list::add);
        return list;
    }

    /** Each trail verifies; every acknowledged call is in one; no record is in two places; each carries its replica's id. */
    private static void trails(LaneContext ctx, Podman podman, List<Replica> replicas, Run run, List<TestUpstream> upstreams)
            throws Exception {
        Path verifier = Files.createDirectories(ctx.workDir().resolve("verifier-home"));
        Map<String, List<String>> replicasBySession = new HashMap<>();
        Set<String> requestIds = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        int records = 0;
        for (Replica r : replicas) {
            ProcResult mounted = podman.run("volume", "mount", r.auditVolume());
            Path file = Path.of(mounted.stdout().strip()).resolve("audit.log");
            try {
                ProcResult verify = ctx.ocliAs(verifier, verifier, Map.of(), "audit", "verify", "--path", file.toString());
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
        Set<String> survivorsServed = new HashSet<>();
        replicasBySession.values().forEach(ids -> ids.stream().filter(id -> !id.equals(victim)).forEach(survivorsServed::add));
        ctx.check("both surviving replicas served calls", survivorsServed.size() == REPLICAS - 1, "records from " + survivorsServed);
        Map<Integer, String> sessionByMark = new HashMap<>();
        run.marks().forEach((session, ms) -> sessionByMark.put(ms, session));
        List<String> retried = run.cutOff().stream().map(sessionByMark::get)
                .filter(s -> Boolean.TRUE.equals(run.acknowledged().get(s))
                        && replicasBySession.getOrDefault(s, List.of()).stream().anyMatch(id -> !id.equals(victim)))
                .toList();
        ctx.check("the call cut off by the kill was acknowledged all the same: ocli sent it again and a surviving replica executed "
                + "and recorded it", !run.cutOff().isEmpty() && retried.size() == run.cutOff().size(), "cut off ms=" + run.cutOff()
                        + ", answered by a survivor: " + retried);
        Set<Integer> arrived = new HashSet<>();
        for (TestUpstream u : upstreams) {
            for (JsonNode r : upstreamRequests(ctx, u)) arrived.add(Integer.parseInt(r.path("query").asText().replace("ms=", "")));
        }
        List<String> neverArrived = acknowledged.stream().filter(s -> !arrived.contains(run.marks().get(s))).toList();
        ctx.check("the upstream received every acknowledged call", neverArrived.isEmpty(), "missing " + neverArrived);
    }
}
