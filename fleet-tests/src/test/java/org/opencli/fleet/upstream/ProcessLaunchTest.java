package org.opencli.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** TestUpstream as lanes run it: a separate JVM that prints its URL and serves until killed. */
class ProcessLaunchTest {
    private static final Pattern LISTENING = Pattern.compile("^test-upstream listening on (http://127\\.0\\.0\\.1:(\\d+))$");

    private static Process launch(String... flags) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                TestUpstream.class.getName()));
        command.addAll(List.of(flags));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String firstLine(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(30, TimeUnit.SECONDS);
    }

    private static void kill(Process process) throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void startsOnAFreePortServesAndDiesWhenKilled() throws Exception {
        Process process = launch("--port", "0", "--bearer-token", "process-token");
        try {
            String line = firstLine(process);
            assertThat(line).as("first stdout line").isNotNull();
            Matcher m = LISTENING.matcher(line);
            assertThat(m.matches()).as("line: %s", line).isTrue();
            assertThat(Integer.parseInt(m.group(2))).isPositive();

            UpstreamClient client = new UpstreamClient(m.group(1));
            HttpResponse<String> created = client.sendJson("POST", "/api/tickets", "{\"title\":\"from a process\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            HttpResponse<String> secured = client.send(client.request("/api/secure/bearer")
                    .header("Authorization", "Bearer process-token").GET().build());
            assertThat(secured.statusCode()).as("the --bearer-token flag took effect").isEqualTo(200);
            assertThat(process.isAlive()).isTrue();
        } finally {
            kill(process);
        }
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void unknownFlagExitsWithUsage() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TestUpstream.class.getName(), "--bogus", "1")
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(output).contains("unknown flag --bogus").contains("usage:");
        } finally {
            kill(process);
        }
    }
}
