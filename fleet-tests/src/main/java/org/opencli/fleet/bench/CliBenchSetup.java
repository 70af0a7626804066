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
     * Compiles a hello world with the JDK {@code bin/ocli} runs on (JAVA_HOME, else the PATH's) and
     * returns the command that runs it: plain {@code java}, no flags.
     */
    static List<String> helloWorld(Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("hello"));
        Files.writeString(dir.resolve("Hello.java"),
                "public class Hello { public static void main(String[] args) { System.out.println(\"hello\"); } }\n");
        Process javac = new ProcessBuilder(jdkTool("javac"), "-d", dir.toString(), dir.resolve("Hello.java").toString())
                .inheritIO().start();
        if (!javac.waitFor(120, TimeUnit.SECONDS) || javac.exitValue() != 0) throw new IllegalStateException("javac Hello.java failed");
        return List.of(jdkTool("java"), "-cp", dir.toString(), "Hello");
    }

    /** The test upstream's API (bench.cli.json) with its baseURL pointing at the running upstream. */
    static Path smallConfig(Path root, Path work, String upstreamUrl) throws Exception {
        Path dir = Files.createDirectories(work.resolve("small"));
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
