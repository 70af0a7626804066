package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * Instances side by side (issue 16): two project configs and a second --instance-id for one of
 * them give three managed daemons with their own registries, caches and audit trails; a call
 * through one never appears in another's trail; stopping one leaves the others serving.
 */
public final class MultiInstanceLane implements Lane {
    /** One instance: how to call it, its instance id, and the path word its calls carry. */
    private record Instance(LocalDaemonUser user, String id, List<String> flags, String marker) {
        ProcResult call(String word) throws Exception {
            List<String> args = new java.util.ArrayList<>(flags);
            args.addAll(List.of("upstream", "diagnostics", "echo-get", word));
            return user.ocliWith(Map.of("OCLI_SESSION_ID", marker + "-session"), args.toArray(String[]::new));
        }
    }

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject alphaProject = UpstreamProject.create(ctx, upstream, config -> {});
            UpstreamProject betaProject = alphaProject.copyTo(ctx, "upstream-beta");
            LocalDaemonUser alphaUser = new LocalDaemonUser(ctx, "user", alphaProject);
            List<Instance> instances = List.of(
                    new Instance(alphaUser, LocalDaemonUser.derivedInstance(alphaProject.config), List.of(), "only-alpha"),
                    new Instance(alphaUser.in(betaProject), LocalDaemonUser.derivedInstance(betaProject.config), List.of(), "only-beta"),
                    new Instance(alphaUser, "gamma", List.of("--instance-id", "gamma"), "only-gamma"));

            Set<Long> pids = new HashSet<>();
            Set<String> urls = new HashSet<>();
            Set<String> caches = new HashSet<>();
            Set<String> audits = new HashSet<>();
            boolean allOk = true;
            for (Instance instance : instances) {
                ProcResult result = instance.call(instance.marker());
                JsonNode entry = instance.user().entry(instance.id()).orElse(null);
                allOk &= result.exitCode() == 0 && entry != null;
                if (entry == null) continue;
                pids.add(entry.path("pid").asLong());
                urls.add(entry.path("url").asText());
                caches.add(entry.path("cacheDir").asText());
                audits.add(entry.path("auditPath").asText());
                ctx.log(instance.id() + ": pid " + entry.path("pid") + " cache " + entry.path("cacheDir") + " audit " + entry.path("auditPath"));
            }
            ctx.check("two configs and a second --instance-id: three daemons, each with its own registry entry, pid and url",
                    allOk && pids.size() == 3 && urls.size() == 3 && pids.stream().allMatch(LocalDaemonUser::alive),
                    pids + " " + urls);
            ctx.check("... their own cache directories and audit trails", caches.size() == 3 && audits.size() == 3
                    && instances.stream().allMatch(i -> caches.contains(i.user().home.resolve(".cache/oas-cli/instances").resolve(i.id()).toString())),
                    caches + " " + audits);

            boolean noCrossTalk = true;
            StringBuilder seen = new StringBuilder();
            for (Instance instance : instances) {
                String trail = Files.readString(Path.of(instance.user().entry(instance.id()).orElseThrow().path("auditPath").asText()));
                for (Instance other : instances) {
                    boolean present = trail.contains("\"sessionId\":\"" + other.marker() + "-session\"");
                    if (present != (other == instance)) noCrossTalk = false;
                    if (present) seen.append(instance.id()).append(" has ").append(other.marker()).append("; ");
                }
            }
            ctx.check("a call through one instance appears in its own audit trail and in no other", noCrossTalk, seen.toString());

            Instance stopped = instances.get(0);
            long stoppedPid = stopped.user().pid(stopped.id());
            ProcResult stop = stopped.user().stop(stopped.flags().toArray(String[]::new));
            boolean ended = LocalDaemonUser.ended(stoppedPid, Duration.ofSeconds(30));
            ProcResult beta = instances.get(1).call("after-alpha-stopped");
            ProcResult gamma = instances.get(2).call("after-alpha-stopped");
            ctx.check("ocli runtime stop of one leaves the others running and serving", stop.exitCode() == 0 && ended
                    && beta.exitCode() == 0 && gamma.exitCode() == 0
                    && LocalDaemonUser.alive(instances.get(1).user().pid(instances.get(1).id()))
                    && LocalDaemonUser.alive(instances.get(2).user().pid(instances.get(2).id())),
                    "stop exit " + stop.exitCode() + ", ended " + ended + ", beta exit " + beta.exitCode() + ", gamma exit " + gamma.exitCode());
        }
    }
}
