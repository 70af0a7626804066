package org.opencli.core.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
