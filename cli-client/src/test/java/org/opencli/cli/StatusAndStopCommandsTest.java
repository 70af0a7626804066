package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.cli.support.FakeRuntime;
import org.opencli.core.json.Json;

/**
 * {@code ocli status}, {@code ocli runtime stop} and {@code ocli runtime session-close} against a
 * daemon stand-in: reached by URL (a remote runtime) or registered in the instance's runtime.json
 * with a real process as its pid (a local daemon), and with no runtime at all.
 */
class StatusAndStopCommandsTest {
    @TempDir
    Path dir;
    FakeRuntime runtime;
    Process daemonProcess;
    CliRunner cli;
    Path state;

    @BeforeEach
    void start() throws Exception {
        runtime = new FakeRuntime();
        cli = new CliRunner(Map.of(), dir);
        state = dir.resolve("state");
    }

    @AfterEach
    void stop() {
        runtime.close();
        if (daemonProcess != null) daemonProcess.destroyForcibly();
    }

    /** Registers the stand-in as instance {@code lease}'s local daemon, its pid a real process of ours. */
    private void registerLocalDaemon() throws Exception {
        daemonProcess = new ProcessBuilder("sleep", "120").start();
        Path instance = Files.createDirectories(state.resolve("instances/lease"));
        Files.writeString(instance.resolve("runtime.json"), "{\"instanceId\":\"lease\",\"url\":\"" + runtime.url()
                + "\",\"pid\":" + daemonProcess.pid() + ",\"auditPath\":\"" + instance.resolve("audit.log")
                + "\",\"clientKey\":\"owner-key-for-tests-only\"}");
    }

    private CliResult local(String... args) {
        return cli.run(concat(new String[] {"--state-dir", state.toString(), "--instance-id", "lease"}, args));
    }

    private CliResult remote(String... args) {
        return cli.run(concat(new String[] {"--runtime", runtime.url(), "--state-dir", state.toString()}, args));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void statusOfARemoteRuntimeSaysWhyItWasChosenAndThatItAnswers() throws Exception {
        CliResult r = remote("status", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode status = Json.MAPPER.readTree(r.out());
        assertThat(status.path("runtime").path("kind").asText()).isEqualTo("remote");
        assertThat(status.path("runtime").path("url").asText()).isEqualTo(runtime.url());
        assertThat(status.path("runtime").path("reason").asText()).isEqualTo("--runtime");
        assertThat(status.path("runtime").path("running").asBoolean()).isTrue();
        assertThat(status.path("health").path("state").asText()).isEqualTo("ok");
        assertThat(status.path("health").path("detail").asText()).contains("contract 1.1");
        assertThat(status.path("auth").path("state").asText()).isEqualTo("not signed in");
        assertThat(status.path("audit").path("path").isNull()).isTrue();
        assertThat(status.path("audit").path("where").asText()).contains("kept by the runtime at " + runtime.url());
        assertThat(status.path("tools").path("from").asText()).isEqualTo("none");
        assertThat(runtime.catalogQueries()).as("status builds no catalog and asks a remote runtime for none").isEmpty();
    }

    @Test
    void statusOfARuntimeThatIsDownIsAReportNotAFailure() throws Exception {
        String url = runtime.url();
        runtime.close();
        for (String[] format : new String[][] {{"--format", "json"}, {"--format=json"}}) {
            CliResult r = cli.run(concat(new String[] {"--runtime", url, "--state-dir", state.toString(), "status"}, format));
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            JsonNode status = Json.MAPPER.readTree(r.out());
            assertThat(status.path("health").path("state").asText()).isEqualTo("down");
            assertThat(status.path("health").path("detail").asText()).contains("cannot reach the runtime at " + url, "connection refused");
            assertThat(status.path("runtime").path("running").asBoolean()).isFalse();
        }
        CliResult table = cli.run("--runtime", url, "--state-dir", state.toString(), "status", "--format", "table");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).containsPattern("health +down: cannot reach the runtime at " + url);
    }

    @Test
    void aRuntimeUrlThatIsNoUrlIsReportedAsDown() throws Exception {
        CliResult r = cli.run("--runtime", "ftp:nothing", "--state-dir", state.toString(), "status", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode status = Json.MAPPER.readTree(r.out());
        assertThat(status.path("health").path("state").asText()).isEqualTo("down");
        assertThat(status.path("health").path("detail").asText()).contains("'ftp:nothing' is not an http(s) URL");
    }

    @Test
    void statusOfALocalDaemonNamesItsPidLifecycleToolsAndAuditTrail() throws Exception {
        registerLocalDaemon();
        runtime.serveInfo("{\"contractVersion\":\"1.1\",\"instanceId\":\"lease\",\"lifecycle\":{\"managed\":true,"
                + "\"shutdown\":\"when-owner-exits\",\"sessionScope\":\"terminal\",\"activeSessions\":2,\"pid\":" + daemonProcess.pid() + "}}");
        CliResult r = local("status", "--format=json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode status = Json.MAPPER.readTree(r.out());
        assertThat(status.path("runtime").path("kind").asText()).isEqualTo("local-daemon");
        assertThat(status.path("runtime").path("pid").asLong()).isEqualTo(daemonProcess.pid());
        assertThat(status.path("runtime").path("reason").asText()).isEqualTo("registry");
        assertThat(status.path("runtime").path("lifecycle").path("activeSessions").asInt()).isEqualTo(2);
        assertThat(status.path("instanceId").asText()).isEqualTo("lease");
        assertThat(status.path("tools").path("count").asInt()).isEqualTo(
                Json.MAPPER.readTree(FakeRuntime.CATALOG).path("view").path("tools").size());
        assertThat(status.path("tools").path("from").asText()).isEqualTo("daemon");
        assertThat(status.path("sources").path("openapi").asInt()).as("a client without a project config counts the catalog's sources").isEqualTo(1);
        assertThat(status.path("auth").path("state").asText()).isEqualTo("owner key (runtime.json)");
        assertThat(status.path("audit").path("path").asText()).isEqualTo(state.resolve("instances/lease/audit.log").toString());
        assertThat(r.out()).doesNotContain("owner-key-for-tests-only");

        CliResult table = local("status", "--format", "table");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow()).matches("FIELD +VALUE");
        assertThat(table.out()).containsPattern("runtime +local daemon pid " + daemonProcess.pid() + " at " + runtime.url())
                .containsPattern("chosen because +registry")
                .containsPattern("lifecycle +managed true, shutdown when-owner-exits, sessionScope terminal, activeSessions 2")
                .containsPattern("tools +\\d+ in view \\S+ \\(the daemon's answer\\)")
                .containsPattern("auth +owner key");
    }

    @Test
    void statusWithNoRuntimeAnywhereSaysEmbeddedAndStartsNothing() throws Exception {
        Files.writeString(dir.resolve(".cli.json"), "{\"cli\":\"1.0.0\",\"mode\":{\"default\":\"discover\"},"
                + "\"sources\":{\"a\":{\"type\":\"openapi\",\"uri\":\"./missing-a.yaml\"},\"b\":{\"type\":\"openapi\",\"uri\":\"./missing-b.yaml\"}}}");
        CliResult r = cli.run("--state-dir", state.toString(), "status", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode status = Json.MAPPER.readTree(r.out());
        assertThat(status.path("runtime").path("kind").asText()).isEqualTo("embedded");
        assertThat(status.path("runtime").path("reason").asText()).startsWith("auto");
        assertThat(status.path("config").path("files").get(0).asText()).isEqualTo(dir.resolve(".cli.json").toString());
        assertThat(status.path("sources").path("openapi").asInt()).isEqualTo(2);
        assertThat(status.path("health").path("state").asText()).isEqualTo("embedded");
        assertThat(status.path("tools").path("count").isNull()).as("documents that do not exist: no catalog was built").isTrue();
        assertThat(Files.exists(state.resolve("instances"))).as("no engine opened an audit trail or a cache").isFalse();
    }

    @Test
    void aManagedDaemonThatIsNotRunningIsReportedAndNeitherStatusNorStopStartsOne() throws Exception {
        Path marker = dir.resolve("oclird-was-started");
        Path launcher = dir.resolve("oclird");
        Files.writeString(launcher, "#!/bin/sh\ntouch '" + marker + "'\nexit 1\n");
        launcher.toFile().setExecutable(true);
        Files.writeString(dir.resolve(".cli.json"), "{\"cli\":\"1.0.0\",\"runtime\":{\"mode\":\"local\"},"
                + "\"sources\":{\"a\":{\"type\":\"openapi\",\"uri\":\"./a.yaml\"}}}");
        CliRunner withLauncher = new CliRunner(Map.of("OCLI_OCLIRD", launcher.toString()), dir);
        CliResult r = withLauncher.run("--state-dir", state.toString(), "status", "--format=json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode status = Json.MAPPER.readTree(r.out());
        assertThat(status.path("runtime").path("kind").asText()).isEqualTo("local-daemon");
        assertThat(status.path("runtime").path("running").asBoolean(true)).isFalse();
        assertThat(status.path("runtime").path("reason").asText()).contains("runtime.mode local");
        assertThat(status.path("health").path("state").asText()).isEqualTo("not-running");
        assertThat(status.path("health").path("detail").asText()).contains("the next call that needs a runtime starts one");
        CliResult table = withLauncher.run("--state-dir", state.toString(), "status", "--format", "table");
        assertThat(table.out()).containsPattern("runtime +local daemon \\(none running\\)");
        for (String[] command : new String[][] {{"runtime", "stop"}, {"runtime", "session-close"}}) {
            CliResult refused = withLauncher.run(concat(new String[] {"--state-dir", state.toString()}, command));
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err()).contains("no local daemon is running for instance");
        }
        assertThat(marker).as("no daemon was started to report or refuse").doesNotExist();
    }

    @Test
    void stopAsksTheLocalDaemonAndWaitsForItsProcessToEnd() throws Exception {
        registerLocalDaemon();
        runtime.onStop(() -> daemonProcess.destroy());
        CliResult r = local("runtime", "stop");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("stopped oclird at " + runtime.url() + " (pid " + daemonProcess.pid() + ")");
        // the OS's view, as ocli waited on it: Process#isAlive lags until this JVM's reaper thread collects the child
        assertThat(endedForTheOs(daemonProcess.pid())).isTrue();
        assertThat(runtime.lifecycleCalls()).containsExactly("stop POST");
    }

    @Test
    void stopAsJsonSaysThePidEnded() throws Exception {
        registerLocalDaemon();
        runtime.onStop(() -> daemonProcess.destroy());
        CliResult r = local("runtime", "stop", "--format=json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertThat(json.path("stopped").asBoolean()).isTrue();
        assertThat(json.path("ended").asBoolean()).isTrue();
        assertThat(json.path("pid").asLong()).isEqualTo(daemonProcess.pid());
        assertThat(json.path("url").asText()).isEqualTo(runtime.url());
    }

    @Test
    void aLocalDaemonThatEndsBeforeItsAnswerIsReadCountsAsStopped() throws Exception {
        registerLocalDaemon();
        runtime.stopDropsConnection().onStop(() -> daemonProcess.destroy());
        CliResult r = local("runtime", "stop");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("stopped oclird at " + runtime.url());
        assertThat(runtime.lifecycleCalls()).as("a stop is sent once").containsExactly("stop POST");
    }

    @Test
    void aRemoteRuntimeThatDropsTheStopIsUnreachable() {
        runtime.stopDropsConnection();
        CliResult r = remote("runtime", "stop");
        assertThat(r.exitCode()).isEqualTo(8);
        // the stop was sent whole: it may have been carried out, so the message says so (and is not retried)
        assertThat(r.err()).contains("the call was sent to the runtime at " + runtime.url() + " but no usable answer came back");
        assertThat(runtime.lifecycleCalls()).as("a stop is sent once").containsExactly("stop POST");
    }

    @Test
    void aDaemonThatDoesNotEndInTimeIsExitOneNamingItsPid() throws Exception {
        registerLocalDaemon();
        CliResult r = local("runtime", "stop", "--timeout", "1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("pid " + daemonProcess.pid(), "still running after 1 s", "kill " + daemonProcess.pid());
        assertThat(daemonProcess.isAlive()).isTrue();
        assertThat(local("runtime", "stop", "--timeout=0").exitCode()).isEqualTo(2);
    }

    @Test
    void aRemoteRuntimeIsAskedToStopButNotWaitedFor() throws Exception {
        CliResult r = remote("runtime", "stop");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("asked the runtime at " + runtime.url() + " to stop");
        assertThat(runtime.lifecycleCalls()).containsExactly("stop POST");
    }

    @Test
    void theEmbeddedEngineHasNothingToStopOrClose() {
        for (String[] command : new String[][] {{"runtime", "stop"}, {"runtime", "session-close"}}) {
            CliResult r = cli.run(concat(new String[] {"--embedded", "--state-dir", state.toString()}, command));
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("engine inside ocli (embedded)", "ocli status");
        }
        assertThat(Files.exists(state.resolve("instances"))).as("no engine was started to find that out").isFalse();
    }

    @Test
    void sessionCloseSendsTheSessionAndSaysWhatHappened() throws Exception {
        registerLocalDaemon();
        CliResult closed = local("runtime", "session-close", "--session", "open-1");
        assertThat(closed.exitCode()).as(closed.err()).isZero();
        assertThat(closed.out().strip()).isEqualTo("closed session open-1 at " + runtime.url() + " (1 active session(s) left)");
        CliResult unknown = local("runtime", "session-close", "--session=gone-2", "--format", "json");
        JsonNode json = Json.MAPPER.readTree(unknown.out());
        assertThat(json.path("sessionId").asText()).isEqualTo("gone-2");
        assertThat(json.path("closed").asBoolean()).isFalse();
        assertThat(json.path("activeSessions").asInt()).isEqualTo(1);
        assertThat(runtime.lifecycleCalls()).containsExactly("session-close POST {\"sessionId\":\"open-1\"}",
                "session-close POST {\"sessionId\":\"gone-2\"}");
        CliResult bad = local("runtime", "session-close", "--session", "a b");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'a b' is not a session id");
        assertThat(runtime.lifecycleCalls()).hasSize(2);
    }

    @Test
    void sessionCloseDefaultsToThisTerminalsSession() throws Exception {
        registerLocalDaemon();
        CliResult r = new CliRunner(Map.of(), dir).run("--state-dir", state.toString(), "--instance-id", "lease",
                "runtime", "session-close", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).path("sessionId").asText())
                .isEqualTo(org.opencli.cli.runtime.CliSessionId.current());
    }

    @Test
    void runtimeInfoTableShowsTheLifecycleFieldByField() {
        runtime.serveInfo("{\"contractVersion\":\"1.1\",\"lifecycle\":{\"managed\":true,\"activeSessions\":3}}");
        CliResult r = remote("runtime", "info", "--format", "table");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("lifecycle\\.managed +true").containsPattern("lifecycle\\.activeSessions +3");
    }

    @Test
    void aProcessThatIsGoneLeavesNoLocalDaemonToReport() throws Exception {
        registerLocalDaemon();
        daemonProcess.destroy();
        assertThat(daemonProcess.waitFor(10, TimeUnit.SECONDS)).isTrue();
        CliResult r = local("status", "--format", "json");
        JsonNode status = Json.MAPPER.readTree(r.out());
        assertThat(status.path("runtime").path("kind").asText()).isEqualTo("embedded");
        assertThat(Files.exists(state.resolve("instances/lease/runtime.json"))).as("the stale entry is cleaned").isFalse();
    }

    /** No such process, or a zombie: it exited and only waits for its parent (this JVM) to collect it. */
    private static boolean endedForTheOs(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        } catch (NoSuchFileException gone) {
            return true;
        }
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }
}
