package org.opencli.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.instance.RegistryEntry;
import org.opencli.core.instance.RuntimeRegistry;
import org.opencli.core.instance.StateLayout;

/** ocli finds a local daemon's owner key by its registry entry, and sends it to that daemon only. */
class LocalDaemonKeyTest {
    @TempDir
    Path state;
    /** Live daemons answer on their port from a live pid: this test's own process and listening sockets. */
    private final List<ServerSocket> listening = new ArrayList<>();

    @AfterEach
    void closeSockets() throws IOException {
        for (ServerSocket socket : listening) socket.close();
    }

    private String livePort() throws IOException {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listening.add(socket);
        return String.valueOf(socket.getLocalPort());
    }

    private void register(String instanceId, String url, String key) {
        register(instanceId, url, key, ProcessHandle.current().pid());
    }

    private void register(String instanceId, String url, String key, long pid) {
        new RuntimeRegistry(new StateLayout(state, instanceId).registryFile())
                .write(new RegistryEntry(instanceId, url, pid, null, null, null, key));
    }

    @Test
    void theInstancesOwnEntryGivesItsKeyAndTheFileIsOwnerOnly() throws Exception {
        String port = livePort();
        register("team", "http://127.0.0.1:" + port, "k-team");
        BearerSource key = LocalDaemonKey.forUrl("http://127.0.0.1:" + port + "/", state, "team");
        assertThat(key).isNotNull();
        assertThat(key.token()).isEqualTo("k-team");
        assertThat(key.mode()).isEqualTo("clientKey");
        Path file = new StateLayout(state, "team").registryFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void aRuntimeUrlNamingAnotherInstancesDaemonGetsThatDaemonsKey() throws IOException {
        String port = livePort();
        register("other", "http://127.0.0.1:" + port, "k-other");
        assertThat(LocalDaemonKey.forUrl("http://localhost:" + port, state, "team").token()).isEqualTo("k-other");
    }

    @Test
    void aStaleEntryAtTheSameAddressNeverGivesItsKey() throws IOException {
        String port = livePort();
        long deadPid = new ProcessBuilder("true").start().onExit().join().pid();
        register("crashed", "http://127.0.0.1:" + port, "k-stale", deadPid);
        assertThat(LocalDaemonKey.forUrl("http://127.0.0.1:" + port, state, "team")).as("dead pid").isNull();
        register("gone", "http://127.0.0.1:1", "k-gone");
        assertThat(LocalDaemonKey.forUrl("http://127.0.0.1:1", state, "team")).as("port not answering").isNull();
    }

    @Test
    void noKeyForAnUnregisteredPortANonLoopbackUrlOrADaemonWithoutOne() throws IOException {
        String team = livePort();
        String authd = livePort();
        register("team", "http://127.0.0.1:" + team, "k-team");
        register("authd", "http://127.0.0.1:" + authd, null);
        assertThat(LocalDaemonKey.forUrl("http://127.0.0.1:" + livePort(), state, "team")).isNull();
        assertThat(LocalDaemonKey.forUrl("http://10.1.2.3:" + team, state, "team")).isNull();
        assertThat(LocalDaemonKey.forUrl("https://127.0.0.1:" + team, state, "team")).isNull();
        assertThat(LocalDaemonKey.forUrl("http://127.0.0.1:" + authd, state, "authd")).isNull();
    }

    @Test
    void anEmbeddedCallGoesThroughTheInstancesLiveDaemon() {
        RuntimeChoice asked = RuntimeChoice.embedded("--embedded");
        assertThat(RuntimeResolver.throughLiveDaemon(asked, () -> Optional.of("http://127.0.0.1:4711")))
                .satisfies(c -> {
                    assertThat(c.embedded()).isFalse();
                    assertThat(c.url()).isEqualTo("http://127.0.0.1:4711");
                    assertThat(c.reason()).contains("--embedded").contains("writes its audit trail");
                });
        assertThat(RuntimeResolver.throughLiveDaemon(asked, Optional::empty)).isEqualTo(asked);
        RuntimeChoice demo = RuntimeChoice.embedded("--demo");
        assertThat(RuntimeResolver.throughLiveDaemon(demo, () -> Optional.of("http://127.0.0.1:4711"))).isEqualTo(demo);
    }
}
