package org.opencli.fleet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One whole process, timed from start to exit, its peak RSS and CPU time (user + system) read by GNU
 * time ({@code /usr/bin/time}), which wraps every command the same way, the baseline's included. CPU
 * time says what a command costs when a busy machine stretches the wall clock.
 */
final class TimedProcess {
    static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final long TIMEOUT_SECONDS = 180;

    record Result(double millis, double cpuMillis, long peakRssKib, int exitCode, String stdout, String stderr) {
    }

    private TimedProcess() {
    }

    static Result run(List<String> command, Map<String, String> env, Path cwd, Path scratch) throws IOException, InterruptedException {
        Path rss = scratch.resolve("rss.txt");
        Path out = scratch.resolve("stdout.txt");
        Path err = scratch.resolve("stderr.txt");
        List<String> wrapped = new ArrayList<>(List.of(GNU_TIME.toString(), "-q", "-f", "%M %U %S", "-o", rss.toString()));
        wrapped.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped).directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
        }
        double millis = (System.nanoTime() - start) / 1e6;
        String[] usage = lastLine(Files.readString(rss)).split(" ");
        if (usage.length != 3) throw new IllegalStateException("no resource usage from " + GNU_TIME + " for " + String.join(" ", command));
        double cpu = (Double.parseDouble(usage[1]) + Double.parseDouble(usage[2])) * 1000;
        return new Result(millis, cpu, Long.parseLong(usage[0]), process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** GNU time writes "Command exited with non-zero status N" before its format line. */
    private static String lastLine(String text) {
        String stripped = text.strip();
        return stripped.substring(stripped.lastIndexOf('\n') + 1).strip();
    }
}
