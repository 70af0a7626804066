package org.opencli.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.instance.RegistryEntry;
import org.opencli.core.instance.RuntimeRegistry;
import org.opencli.core.instance.StateLayout;

/** ocli finds a local daemon's owner key by its registry entry, and sends it to that daemon only. */
class LocalDaemonKeyTest {
    @TempDir
    Path state;

    private void register(String instanceId, String url, String key) {
        new RuntimeRegistry(new StateLayout(state, instanceId).registryFile())
                .write(new RegistryEntry(instanceId, url, 1, null, null, null, key));
    }

    @Test
    void theInstancesOwnEntryGivesItsKeyAndTheFileIsOwnerOnly() throws Exception {
        register("team", "http://127.0.0.1:4711", "k-team");
        BearerSource key = LocalDaemonKey.forUrl("http://127.0.0.1:4711/", state, "team");
        assertThat(key).isNotNull();
        assertThat(key.token()).isEqualTo("k-team");
        assertThat(key.mode()).isEqualTo("clientKey");
        Path file = new StateLayout(state, "team").registryFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void aRuntimeUrlNamingAnotherInstancesDaemonGetsThatDaemonsKey() {
        register("other", "http://127.0.0.1:4712", "k-other");
        assertThat(LocalDaemonKey.forUrl("http://localhost:4712", state, "team").token()).isEqualTo("k-other");
    }

    @Test
    void noKeyForAnUnregisteredPortANonLoopbackUrlOrADaemonWithoutOne() {
        register("team", "http://127.0.0.1:4711", "k-team");
        register("authd", "http://127.0.0.1:4713", null);
        assertThat(LocalDaemonKey.forUrl("http://127.0.0.1:4799", state, "team")).isNull();
        assertThat(LocalDaemonKey.forUrl("http://10.1.2.3:4711", state, "team")).isNull();
        assertThat(LocalDaemonKey.forUrl("https://127.0.0.1:4711", state, "team")).isNull();
        assertThat(LocalDaemonKey.forUrl("http://127.0.0.1:4713", state, "authd")).isNull();
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
