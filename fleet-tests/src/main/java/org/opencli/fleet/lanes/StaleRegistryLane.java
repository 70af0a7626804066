package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * Stale registry entries (issue 16): a managed daemon killed with {@code kill -9} leaves its
 * runtime.json behind; the next call sees the dead pid, cleans the entry (ending the children it
 * names), starts a new daemon and succeeds. An entry naming a live pid of another program (a
 * {@code sleep}, whose start time differs from the entry's {@code startedAt}) at a port that
 * answers is stale too: the call starts its own daemon and leaves that program alone.
 */
public final class StaleRegistryLane implements Lane {
    @Override
    public void run(LaneContext ctx) throws Exception {
        Process child = null;
        Process foreign = null;
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {});
            LocalDaemonUser user = new LocalDaemonUser(ctx, "user", project);
            String instance = LocalDaemonUser.derivedInstance(project.config);

            ProcResult first = user.ocli("upstream", "diagnostics", "echo-get", "before-kill");
            long killed = user.pid(instance);
            ctx.check("the first call starts a managed daemon", first.exitCode() == 0 && LocalDaemonUser.alive(killed),
                    "exit " + first.exitCode() + " pid " + killed + " " + first.stderr().strip());
            ProcResult kill = ctx.exec(ctx.workDir(), Map.of(), "kill", "-9", String.valueOf(killed));
            boolean gone = LocalDaemonUser.ended(killed, Duration.ofSeconds(10));
            ctx.check("kill -9 leaves its registry entry behind", kill.exitCode() == 0 && gone && user.pid(instance) == killed,
                    "kill exit " + kill.exitCode() + ", gone " + gone + ", registry pid " + user.pid(instance));

            // a process the dead daemon started (as an MCP stdio source would be): named in the entry with its start time
            child = new ProcessBuilder("sleep", "300").start();
            ObjectNode entry = (ObjectNode) user.entry(instance).orElseThrow();
            entry.putArray("children").addObject().put("pid", child.pid())
                    .put("startedAt", child.info().startInstant().orElseThrow().toString());
            Files.writeString(user.registry(instance), entry.toString());

            ProcResult recovered = user.ocli("upstream", "diagnostics", "echo-get", "after-kill");
            long fresh = user.pid(instance);
            ctx.check("the next call detects the dead pid, starts a new daemon and succeeds", recovered.exitCode() == 0
                    && fresh != killed && LocalDaemonUser.alive(fresh) && user.daemonProcesses(instance).size() == 1,
                    "exit " + recovered.exitCode() + " pid " + fresh + " " + recovered.stderr().strip());
            boolean childEnded = LocalDaemonUser.ended(child.pid(), Duration.ofSeconds(10));
            ctx.check("the stale entry's still-running child was ended", childEnded, "child pid " + child.pid());

            ProcResult stopped = user.stop();
            ctx.check("ocli runtime stop: the new daemon is gone", stopped.exitCode() == 0
                    && LocalDaemonUser.ended(fresh, Duration.ofSeconds(30)), "pid " + fresh + " stop exit " + stopped.exitCode());
            try (ServerSocket port = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                foreign = new ProcessBuilder("sleep", "300").start();
                ObjectNode impostor = (ObjectNode) ctx.json("{}");
                impostor.put("instanceId", instance).put("url", "http://127.0.0.1:" + port.getLocalPort())
                        .put("pid", foreign.pid()).put("startedAt", "2001-01-01T00:00:00Z").put("managed", true)
                        .put("configPath", project.config.toString()).put("clientKey", "not-the-key").putArray("children");
                Files.createDirectories(user.instanceDir(instance));
                Files.writeString(user.registry(instance), impostor.toString());
                ctx.log("runtime.json now names pid " + foreign.pid() + " (sleep, started " + foreign.info().startInstant().orElse(null)
                        + ") with startedAt 2001-01-01T00:00:00Z at a port that answers");
                ProcResult past = user.ocli("upstream", "diagnostics", "echo-get", "past-impostor");
                long own = user.pid(instance);
                ctx.check("an entry naming another program's live pid (wrong startedAt) is stale: a daemon of its own serves the call",
                        past.exitCode() == 0 && own != foreign.pid() && LocalDaemonUser.alive(own),
                        "exit " + past.exitCode() + " registry pid " + own + " " + past.stderr().strip());
                ctx.check("... and the other program is left running", foreign.isAlive(), "sleep pid " + foreign.pid());
            }
        } finally {
            if (child != null) child.destroyForcibly().waitFor();
            if (foreign != null) foreign.destroyForcibly().waitFor();
        }
    }
}
