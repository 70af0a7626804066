package org.opencli.fleet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What bench-cli runs against: the hello-world baseline and the two daemons' configs. */
final class CliBenchSetup {
    private CliBenchSetup() {
    }

    /**
     * Compiles a hello world and returns the command that runs it on the java {@code bin/ocli} runs
     * on ({@link #ocliJava}): plain {@code java}, no flags.
     */
    static List<String> helloWorld(Path root, Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("hello"));
        Files.writeString(dir.resolve("Hello.java"),
                "public class Hello { public static void main(String[] args) { System.out.println(\"hello\"); } }\n");
        Process javac = new ProcessBuilder(jdkTool("javac"), "--release", "17", "-d", dir.toString(), dir.resolve("Hello.java").toString())
                .inheritIO().start();
        if (!javac.waitFor(120, TimeUnit.SECONDS) || javac.exitValue() != 0) throw new IllegalStateException("javac Hello.java failed");
        return List.of(ocliJava(root), "-cp", dir.toString(), "Hello");
    }

    /**
     * The java bin/ocli starts: OCLI_JAVA, else the one {@code make build} chose
     * (cli-client/target/quarkus-app/ocli.java, scripts/ocli-cds.sh), else JAVA_HOME's, else the PATH's.
     */
    static String ocliJava(Path root) throws java.io.IOException {
        String explicit = System.getenv("OCLI_JAVA");
        if (explicit != null && !explicit.isBlank()) return explicit;
        Path chosen = root.resolve("cli-client/target/quarkus-app/ocli.java");
        if (Files.isRegularFile(chosen)) {
            String java = Files.readString(chosen).strip();
            if (Files.isExecutable(Path.of(java))) return java;
        }
        return jdkTool("java");
    }

    /** The test upstream's API (bench.cli.json) with its baseURL pointing at the running upstream. */
    static Path smallConfig(Path root, Path work, String upstreamUrl) throws Exception {
        return projectConfig(root, work, "small", upstreamUrl);
    }

    /** The small config in a project directory of its own (so an instance of its own), choosing no runtime: auto mode. */
    static Path managedConfig(Path root, Path work, String name, String upstreamUrl) throws Exception {
        return projectConfig(root, work, name, upstreamUrl);
    }

    private static Path projectConfig(Path root, Path work, String name, String upstreamUrl) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        Path fixtures = root.resolve("fleet-tests/fixtures/upstream");
        Files.copy(fixtures.resolve("upstream.openapi.yaml"), dir.resolve("upstream.openapi.yaml"));
        String config = Files.readString(fixtures.resolve("bench.cli.json"))
                .replaceAll("\"baseURL\": \"[^\"]*\"", "\"baseURL\": \"" + upstreamUrl + "/api\"");
        return Files.writeString(dir.resolve(".cli.json"), config);
    }

    /** GitHub's REST description as one service, alias github. */
    static Path githubConfig(Path work, Path openapi) throws Exception {
        Path dir = Files.createDirectories(work.resolve("github"));
        return Files.writeString(dir.resolve(".cli.json"), "{\"cli\":\"1.0.0\",\"mode\":{\"default\":\"discover\"},"
                + "\"sources\":{\"github\":{\"type\":\"openapi\",\"uri\":\"" + openapi + "\"}},"
                + "\"services\":{\"github\":{\"source\":\"github\"}}}");
    }

    private static String jdkTool(String name) {
        String javaHome = System.getenv("JAVA_HOME");
        return javaHome == null || javaHome.isBlank() ? name : Path.of(javaHome, "bin", name).toString();
    }
}
