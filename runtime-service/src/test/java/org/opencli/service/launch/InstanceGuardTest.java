package org.opencli.service.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.instance.ProcessIdentity;
import org.opencli.core.instance.RegistryEntry;
import org.opencli.core.instance.RuntimeRegistry;

/** A live entry for the instance refuses the start, naming pid and url; a stale one is cleaned and the start goes on. */
class InstanceGuardTest {
    @TempDir
    Path state;

    private Map<String, String> props() {
        return Map.of("oclird.state-dir", state.toString(), "oclird.instance-id", "guarded");
    }

    private RuntimeRegistry registry() {
        return new RuntimeRegistry(state.resolve("instances/guarded/runtime.json"));
    }

    private static RegistryEntry entry(String url, ProcessIdentity process) {
        return new RegistryEntry("guarded", url, process.pid(), null, null, null, null, true, process.startedAt(), null, List.of());
    }

    @Test
    void aLiveDaemonForTheInstanceRefusesTheStart() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + socket.getLocalPort();
            registry().write(entry(url, ProcessIdentity.current()));
            assertThat(InstanceGuard.refusal(props())).contains("pid " + ProcessHandle.current().pid()).contains(url)
                    .contains("'guarded'");
            assertThat(registry().file()).exists();
        }
    }

    @Test
    void aStaleEntryIsCleanedAndTheStartGoesOn() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        registry().write(entry("http://127.0.0.1:" + closed, ProcessIdentity.current()));
        assertThat(InstanceGuard.refusal(props())).isNull();
        assertThat(registry().file()).doesNotExist();
        assertThat(InstanceGuard.refusal(props())).as("no entry at all").isNull();
    }
}
