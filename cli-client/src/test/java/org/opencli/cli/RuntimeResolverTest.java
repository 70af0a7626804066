package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.options.GlobalOptions;
import org.opencli.cli.runtime.ResolvedRuntime;
import org.opencli.cli.runtime.RuntimeChoice;
import org.opencli.cli.runtime.RuntimeResolver;
import org.opencli.cli.support.FakeRuntime;
import org.opencli.core.instance.InstanceId;
import org.opencli.core.instance.RegistryEntry;
import org.opencli.core.instance.RuntimeRegistry;
import org.opencli.core.instance.StateLayout;

/** The resolution order: demo/embedded → config → --runtime → OCLI_RUNTIME_URL → registry → embedded. */
class RuntimeResolverTest {
    @TempDir
    Path dir;

    private static GlobalOptions options() {
        return new GlobalOptions();
    }

    private RuntimeChoice choose(Map<String, String> env, GlobalOptions o, Path config, String registry) {
        return new RuntimeResolver(env, dir).choose(o, config, () -> Optional.ofNullable(registry));
    }

    @Test
    void demoAndEmbeddedFlagsWin() throws Exception {
        Path config = Files.writeString(dir.resolve(".cli.json"), "{\"runtime\":{\"mode\":\"remote\",\"remote\":{\"url\":\"http://r\"}}}");
        GlobalOptions o = options();
        o.embedded = true;
        o.runtimeUrl = "http://flag";
        assertThat(choose(Map.of(), o, config, "http://reg")).isEqualTo(new RuntimeChoice(true, null, "--embedded"));
        o.demo = true;
        assertThat(choose(Map.of(), o, config, null).reason()).isEqualTo("--demo");
    }

    @Test
    void configRuntimeModeBeatsFlagsAndEnvironment() throws Exception {
        Path config = Files.writeString(dir.resolve(".cli.json"), "{\"runtime\":{\"mode\":\"remote\",\"remote\":{\"url\":\"http://remote:1\"}}}");
        GlobalOptions o = options();
        o.runtimeUrl = "http://flag";
        assertThat(choose(Map.of(RuntimeResolver.ENV_RUNTIME_URL, "http://env"), o, config, "http://reg"))
                .isEqualTo(new RuntimeChoice(false, "http://remote:1", "config runtime.remote.url"));
        Files.writeString(dir.resolve(".cli.local.json"), "{\"runtime\":{\"mode\":\"embedded\"}}");
        assertThat(choose(Map.of(), o, config, null)).isEqualTo(new RuntimeChoice(true, null, "config runtime.mode"));
    }

    @Test
    void remoteWithoutUrlIsAConfigError() throws Exception {
        Path config = Files.writeString(dir.resolve(".cli.json"), "{\"runtime\":{\"mode\":\"remote\"}}");
        assertThatThrownBy(() -> choose(Map.of(), options(), config, null))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
                    assertThat(e.problem().errors().get(0).path()).isEqualTo("$.runtime.remote.url");
                });
    }

    @Test
    void thenFlagThenEnvironmentThenRegistryThenEmbedded() throws Exception {
        Path config = Files.writeString(dir.resolve(".cli.json"), "{\"runtime\":{\"mode\":\"auto\"}}");
        GlobalOptions o = options();
        o.runtimeUrl = "http://flag";
        Map<String, String> env = Map.of(RuntimeResolver.ENV_RUNTIME_URL, "http://env");
        assertThat(choose(env, o, config, "http://reg")).isEqualTo(new RuntimeChoice(false, "http://flag", "--runtime"));
        assertThat(choose(env, options(), config, "http://reg")).isEqualTo(new RuntimeChoice(false, "http://env", "OCLI_RUNTIME_URL"));
        assertThat(choose(Map.of(), options(), config, "http://reg")).isEqualTo(new RuntimeChoice(false, "http://reg", "registry"));
        assertThat(choose(Map.of(), options(), null, null)).isEqualTo(new RuntimeChoice(true, null, "auto"));
    }

    @Test
    void discoversConfigUpwardsAndReadsTheLiveRegistryOfItsInstance() throws Exception {
        Path config = Files.writeString(dir.resolve(".cli.json"), "{}");
        Path nested = Files.createDirectories(dir.resolve("x/y"));
        Path state = dir.resolve("state");
        try (FakeRuntime daemon = new FakeRuntime()) {
            String instanceId = InstanceId.fromConfigPath(config);
            new RuntimeRegistry(new StateLayout(state, instanceId).registryFile())
                    .write(new RegistryEntry(instanceId, daemon.url(), ProcessHandle.current().pid(), null, null, null));
            GlobalOptions o = options();
            o.stateDir = state.toString();
            try (ResolvedRuntime resolved = new RuntimeResolver(Map.of(), nested).resolve(o)) {
                assertThat(resolved.reason()).isEqualTo("registry");
                assertThat(resolved.configPath()).isEqualTo(config);
                assertThat(resolved.instanceId()).isEqualTo(instanceId);
                assertThat(resolved.client().location()).isEqualTo(daemon.url());
                assertThat(resolved.client().runtimeInfo().path("instanceId").asText()).isEqualTo("fake");
                assertThat(resolved.target().config()).as("a local daemon registered for this config is sent its path")
                        .isEqualTo(config.toString());
            }
        }
    }

    @Test
    void instanceIdComesFromFlagThenEnvironment() throws Exception {
        Files.writeString(dir.resolve(".cli.json"), "{}");
        GlobalOptions o = options();
        o.runtimeUrl = "http://127.0.0.1:1";
        o.stateDir = dir.toString();
        try (ResolvedRuntime r = new RuntimeResolver(Map.of(RuntimeResolver.ENV_INSTANCE_ID, "From Env"), dir).resolve(o)) {
            assertThat(r.instanceId()).isEqualTo("from-env");
        }
        o.instanceId = "Team A";
        try (ResolvedRuntime r = new RuntimeResolver(Map.of(RuntimeResolver.ENV_INSTANCE_ID, "From Env"), dir).resolve(o)) {
            assertThat(r.instanceId()).isEqualTo("team-a");
        }
    }

    @Test
    void aRemoteRuntimeIsSentNoLocalConfigPathOnlyRequestConfigPath() throws Exception {
        Path config = Files.writeString(dir.resolve(".cli.json"),
                "{\"runtime\":{\"mode\":\"remote\",\"remote\":{\"url\":\"http://127.0.0.1:1\"}}}");
        for (RuntimeChoice remote : List.of(new RuntimeChoice(false, "http://x", "config runtime.remote.url"),
                new RuntimeChoice(false, "http://x", "--runtime"), new RuntimeChoice(false, "http://x", "OCLI_RUNTIME_URL"))) {
            assertThat(RuntimeResolver.target(remote, config).config()).as(remote.reason()).isNull();
        }
        Files.writeString(dir.resolve(".cli.local.json"), "{\"runtime\":{\"remote\":{\"requestConfigPath\":\"/srv/a.cli.json\"}}}");
        assertThat(RuntimeResolver.target(new RuntimeChoice(false, "http://x", "--runtime"), config).config()).isEqualTo("/srv/a.cli.json");
        assertThat(RuntimeResolver.target(new RuntimeChoice(true, null, "--embedded"), config).config()).isEqualTo(config.toString());
        assertThat(RuntimeResolver.target(new RuntimeChoice(false, "http://x", "registry"), config).config()).isEqualTo(config.toString());
    }

    @Test
    void withAConfigAutoStartsALocalDaemonWhenALauncherIsKnownElseStaysEmbedded() throws Exception {
        Path config = Files.writeString(dir.resolve(".cli.json"), "{}");
        assertThat(choose(Map.of(), options(), config, null)).isEqualTo(new RuntimeChoice(true, null, "auto (no oclird launcher)"));
        Path launcher = executable("oclird");
        RuntimeChoice start = choose(Map.of("OCLI_OCLIRD", launcher.toString()), options(), config, null);
        assertThat(start).isEqualTo(new RuntimeChoice(false, null, "local daemon (runtime.mode auto)"));
        assertThat(start.startsDaemon()).isTrue();
        assertThat(choose(Map.of("OCLI_OCLIRD", launcher.toString()), options(), config, "http://reg"))
                .isEqualTo(new RuntimeChoice(false, "http://reg", "registry"));
        Files.writeString(dir.resolve(".cli.local.json"), "{\"runtime\":{\"mode\":\"local\"}}");
        GlobalOptions flag = options();
        flag.runtimeUrl = "http://flag";
        assertThat(choose(Map.of(), flag, config, null)).as("local: the config's mode wins, as embedded and remote do")
                .isEqualTo(new RuntimeChoice(false, null, "local daemon (runtime.mode local)"));
    }

    @Test
    void localModeWithoutALauncherIsExit3NamingOcliOclird() throws Exception {
        Files.writeString(dir.resolve(".cli.json"), "{\"runtime\":{\"mode\":\"local\"}}");
        GlobalOptions o = options();
        o.stateDir = dir.resolve("state").toString();
        assertThatThrownBy(() -> new RuntimeResolver(Map.of(), dir).resolve(o))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.problem().code()).isEqualTo("local_runtime_unavailable");
                    assertThat(e.problem().detail()).contains("OCLI_OCLIRD");
                });
    }

    @Test
    void aLauncherThatFailsIsReportedWithItsLogAndNoEntryIsLeft() throws Exception {
        Files.writeString(dir.resolve(".cli.json"), "{\"runtime\":{\"mode\":\"local\"}}");
        Path launcher = executable("broken-oclird", "echo \"refusing: $*\"; exit 2");
        GlobalOptions o = options();
        o.stateDir = dir.resolve("state").toString();
        o.instanceId = "broken";
        Path instanceDir = dir.resolve("state/instances/broken");
        assertThatThrownBy(() -> new RuntimeResolver(Map.of("OCLI_OCLIRD", launcher.toString()), dir).resolve(o))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
                    assertThat(e.problem().code()).isEqualTo("local_runtime_start_failed");
                    assertThat(e.problem().detail()).contains("exited with 2").contains(instanceDir.resolve("oclird.log").toString());
                });
        assertThat(Files.readString(instanceDir.resolve("oclird.log")))
                .as("the start command as DAEMON-API.md gives it, output appended to the log")
                .contains("refusing: --config " + dir.resolve(".cli.json") + " --instance-id broken --state-dir " + dir.resolve("state")
                        + " --managed --file-check-interval 0");
        assertThat(instanceDir.resolve("runtime.json")).doesNotExist();
    }

    private Path executable(String name, String... body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + String.join("\n", body) + "\n");
        file.toFile().setExecutable(true);
        return file;
    }
}
