package org.opencli.core.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeRegistryTest {

    @TempDir
    Path state;

    @Test
    void liveEntryIsReturnedWhileItsProcessListens() throws IOException {
        StateLayout layout = new StateLayout(state, "team");
        RuntimeRegistry registry = new RuntimeRegistry(layout.registryFile());
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long pid = ProcessHandle.current().pid();
            registry.write(new RegistryEntry("team", "http://127.0.0.1:" + socket.getLocalPort(), pid,
                    layout.defaultAuditPath().toString(), layout.cacheDir().toString(), null));
            assertThat(layout.registryFile()).isEqualTo(state.resolve("instances/team/runtime.json"));
            assertThat(registry.readLive()).get().extracting(RegistryEntry::pid).isEqualTo(pid);
        }
    }

    @Test
    void entryWhosePortRefusesIsStaleAndRemoved() throws IOException {
        RuntimeRegistry registry = new RuntimeRegistry(state.resolve("instances/x/runtime.json"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        registry.write(new RegistryEntry("x", "http://127.0.0.1:" + closedPort, ProcessHandle.current().pid(), null, null, null));
        assertThat(registry.readLive()).isEmpty();
        assertThat(registry.file()).doesNotExist();
    }

    @Test
    void entryOfADeadProcessIsStale() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        RuntimeRegistry registry = new RuntimeRegistry(state.resolve("runtime.json"));
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            registry.write(new RegistryEntry("x", "http://127.0.0.1:" + socket.getLocalPort(), p.pid(), null, null, null));
            assertThat(registry.readLive()).isEmpty();
        }
    }

    @Test
    void removeOnlyWhenStillOwned() {
        RuntimeRegistry registry = new RuntimeRegistry(state.resolve("runtime.json"));
        registry.write(new RegistryEntry("x", "http://127.0.0.1:1", 42, null, null, null));
        registry.removeIfOwnedBy(43);
        assertThat(registry.file()).exists();
        registry.removeIfOwnedBy(42);
        assertThat(registry.file()).doesNotExist();
    }

    @Test
    void unreadableFileIsNoEntry() throws IOException {
        Path file = state.resolve("runtime.json");
        Files.writeString(file, "{not json");
        assertThat(new RuntimeRegistry(file).read()).isEmpty();
    }

    @Test
    void aPidWhoseStartInstantDiffersIsAnotherProgramAndTheEntryIsStale() throws IOException {
        RuntimeRegistry registry = new RuntimeRegistry(state.resolve("instances/x/runtime.json"));
        ProcessIdentity me = ProcessIdentity.current();
        assertThat(me.startedAt()).as("this platform reports process start instants").isNotNull();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + socket.getLocalPort();
            RegistryEntry same = entry(url, me.pid(), me.startedAt(), List.of());
            assertThat(RuntimeRegistry.isLive(same)).isTrue();

            // the same pid, listening, but started at another instant: the recorded daemon is gone
            String earlier = java.time.Instant.parse(me.startedAt()).minusSeconds(3600).toString();
            registry.write(entry(url, me.pid(), earlier, List.of()));
            assertThat(registry.readLive()).isEmpty();
            assertThat(registry.file()).doesNotExist();
        }
    }

    @Test
    void cleaningAStaleEntryEndsItsRecordedChildrenAndOnlyThem() throws Exception {
        Process child = new ProcessBuilder("sleep", "300").start();
        Process stranger = new ProcessBuilder("sleep", "300").start();
        try {
            ProcessIdentity childId = ProcessIdentity.of(child.toHandle());
            // the stranger's pid recorded with another start instant: a reused pid, not ours to end
            String notTheStrangers = java.time.Instant.parse(ProcessIdentity.of(stranger.toHandle()).startedAt())
                    .minusSeconds(60).toString();
            Process dead = new ProcessBuilder("true").start();
            dead.waitFor();
            RuntimeRegistry registry = new RuntimeRegistry(state.resolve("instances/x/runtime.json"));
            registry.write(entry("http://127.0.0.1:1", dead.pid(), null,
                    List.of(childId, new ProcessIdentity(stranger.pid(), notTheStrangers))));

            assertThat(registry.readLive()).isEmpty();

            assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("the recorded child was ended").isTrue();
            assertThat(stranger.isAlive()).as("a reused pid is left alone").isTrue();
            assertThat(registry.file()).doesNotExist();
        } finally {
            child.destroyForcibly();
            stranger.destroyForcibly();
            stranger.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A recorded child that started a server of its own (npx, a shell): the server is ended with it, not orphaned. */
    @Test
    void endingAChildEndsWhatItStarted() throws Exception {
        Process child = new ProcessBuilder("sh", "-c", "sleep 300 & echo $!; wait").start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            long grandchild = Long.parseLong(out.readLine().strip());
            ProcessHandle server = ProcessHandle.of(grandchild).orElseThrow();
            ProcessIdentity.of(child.toHandle()).end();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(server.onExit().get(10, TimeUnit.SECONDS).isAlive()).as("the child's own child was ended").isFalse();
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
    }

    @Test
    void aChildThatIgnoresTermIsKilledAfterTheGrace() throws Exception {
        Process child = new ProcessBuilder("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done").start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            assertThat(out.readLine()).isEqualTo("ready"); // the trap is set
            long began = System.nanoTime();
            ProcessIdentity.of(child.toHandle()).end();
            assertThat(child.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(ProcessIdentity.GRACE);
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void newFieldsRoundTripAndOldFilesWithoutThemStillRead() throws IOException {
        RuntimeRegistry registry = new RuntimeRegistry(state.resolve("runtime.json"));
        RegistryEntry full = new RegistryEntry("x", "http://127.0.0.1:1", 42, "/a", "/c", "/p/.cli.json", "key", true,
                "2026-01-02T03:04:05.678Z", "ab12", List.of(new ProcessIdentity(43, "2026-01-02T03:04:06Z")));
        registry.write(full);
        assertThat(registry.read()).contains(full);

        Files.writeString(registry.file(), "{\"instanceId\":\"x\",\"url\":\"http://127.0.0.1:1\",\"pid\":42,"
                + "\"auditPath\":\"/a\",\"cacheDir\":\"/c\",\"configPath\":\"/p/.cli.json\",\"clientKey\":\"k\"}");
        RegistryEntry old = registry.read().orElseThrow();
        assertThat(old.managed()).isFalse();
        assertThat(old.startedAt()).isNull();
        assertThat(old.configFingerprint()).isNull();
        assertThat(old.children()).isEmpty();
        assertThat(old.clientKey()).isEqualTo("k");
    }

    private static RegistryEntry entry(String url, long pid, String startedAt, List<ProcessIdentity> children) {
        return new RegistryEntry("x", url, pid, null, null, null, null, true, startedAt, null, children);
    }
}
