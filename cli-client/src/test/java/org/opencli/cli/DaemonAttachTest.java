package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.options.GlobalOptions;
import org.opencli.cli.runtime.ResolvedRuntime;
import org.opencli.cli.runtime.RuntimeResolver;
import org.opencli.cli.support.FakeRuntime;
import org.opencli.core.config.ConfigFiles;
import org.opencli.core.instance.InstanceId;
import org.opencli.core.instance.ProcessIdentity;
import org.opencli.core.instance.RegistryEntry;
import org.opencli.core.instance.RuntimeRegistry;
import org.opencli.core.instance.StateLayout;

/** The one heartbeat a call sends a registry-found local daemon, and what a refusal means to the user. */
class DaemonAttachTest {
    @TempDir
    Path dir;

    private Path config;
    private GlobalOptions options;

    private void register(FakeRuntime daemon, String json, boolean managed) throws Exception {
        config = Files.writeString(dir.resolve(".cli.json"), json);
        String instanceId = InstanceId.fromConfigPath(config);
        ProcessIdentity self = ProcessIdentity.current();
        new RuntimeRegistry(new StateLayout(dir.resolve("state"), instanceId).registryFile()).write(new RegistryEntry(instanceId,
                daemon.url(), self.pid(), null, null, config.toString(), null, managed, self.startedAt(), null, List.of()));
        options = new GlobalOptions();
        options.stateDir = dir.resolve("state").toString();
    }

    @Test
    void oneHeartbeatCarriesSessionFingerprintAndOwner() throws Exception {
        try (FakeRuntime daemon = new FakeRuntime()) {
            register(daemon, "{}", true);
            try (ResolvedRuntime resolved = new RuntimeResolver(Map.of(), dir).resolve(options)) {
                assertThat(resolved.reason()).isEqualTo("registry");
            }
            assertThat(daemon.heartbeats()).hasSize(1);
            JsonNode beat = daemon.heartbeats().get(0);
            assertThat(beat.path("sessionId").asText()).matches("[A-Za-z0-9._:-]{1,128}");
            assertThat(beat.path("configFingerprint").asText()).isEqualTo(ConfigFiles.fingerprint(config));
            assertThat(beat.path("ownerPid").asLong()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
            assertThat(beat.path("shareKey").isNull() || beat.path("shareKey").isMissingNode()).as("exclusive: no share key").isTrue();
        }
    }

    @Test
    void sharedGroupSendsTheShareKeyAndNoOwner() throws Exception {
        try (FakeRuntime daemon = new FakeRuntime()) {
            register(daemon, "{\"runtime\":{\"local\":{\"sessionScope\":\"shared-group\",\"share\":\"group\",\"shareKey\":\"team-7\"}}}", true);
            new RuntimeResolver(Map.of(), dir).resolve(options).close();
            JsonNode beat = daemon.heartbeats().get(0);
            assertThat(beat.path("sessionId").asText()).startsWith("group-").hasSize(22);
            assertThat(beat.path("shareKey").asText()).isEqualTo("team-7");
            assertThat(beat.path("ownerPid").isNull() || beat.path("ownerPid").isMissingNode()).isTrue();
        }
    }

    @Test
    void aConflictIsExit3NamingTheShareSettings() throws Exception {
        try (FakeRuntime daemon = new FakeRuntime()) {
            register(daemon, "{}", true);
            daemon.answerHeartbeats(409, "{\"title\":\"Attach conflict\",\"status\":409,\"code\":\"runtime_attach_conflict\","
                    + "\"detail\":\"this daemon is shared with a group\"}");
            assertThatThrownBy(() -> new RuntimeResolver(Map.of(), dir).resolve(options))
                    .isInstanceOfSatisfying(CliException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(3);
                        assertThat(e.problem().code()).isEqualTo("runtime_attach_conflict");
                        assertThat(e.problem().detail()).contains(daemon.url()).contains("runtime.local.share");
                    });
        }
    }

    @Test
    void aHandStartedDaemonServingAnotherConfigIsExit3NotReplaced() throws Exception {
        try (FakeRuntime daemon = new FakeRuntime()) {
            register(daemon, "{}", false);
            daemon.answerHeartbeats(409, "{\"title\":\"Attach mismatch\",\"status\":409,\"code\":\"runtime_attach_mismatch\","
                    + "\"detail\":\"this daemon serves another config\"}");
            assertThatThrownBy(() -> new RuntimeResolver(Map.of(), dir).resolve(options))
                    .isInstanceOfSatisfying(CliException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(3);
                        assertThat(e.problem().code()).isEqualTo("runtime_attach_mismatch");
                        assertThat(e.problem().detail()).contains(daemon.url()).contains("ocli runtime stop");
                    });
            assertThat(daemon.lifecycleCalls()).as("nothing stopped").isEmpty();
        }
    }
}
