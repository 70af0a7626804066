package org.opencli.fleet.fuzz;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files a hostile caller points the daemon at, each holding the canary where a careless error
 * message would quote it: a non-JSON file, a config that is almost JSON, sources that do not parse
 * as YAML or JSON, an overlay with a 50,000-step JSONPath, sources that are a device, a FIFO, a
 * 100 MB sparse file and 100,000 levels of nesting. {@link #configPaths} lists what a request may
 * name as its config, these and worse (NUL, newline, /proc, a directory, a very long path).
 */
public final class HostileFiles {
    private final List<String> configPaths = new ArrayList<>();

    private HostileFiles() {
    }

    public List<String> configPaths() {
        return configPaths;
    }

    /** @param openapi a valid description (absolute path) for configs that need one */
    public static HostileFiles create(Path dir, String canary, Path openapi) throws IOException, InterruptedException {
        HostileFiles files = new HostileFiles();
        Files.createDirectories(dir);
        Path notJson = Files.writeString(dir.resolve("notes.txt"), "OCLI_NOTE=" + canary + "\nPATH=/usr/bin\n");
        Path almost = Files.writeString(dir.resolve("almost.json"), "{\"cli\": " + canary + "}");
        files.configPaths.add(notJson.toString());
        files.configPaths.add(almost.toString());
        files.configPaths.add(source(dir, "bad-yaml", "openapi: 3.1.0\ninfo: [" + canary + "\n  - : : :\n", "doc.yaml"));
        files.configPaths.add(source(dir, "bad-json", "{\"openapi\": \"3.1.0\", " + canary + "}", "doc.json"));
        files.configPaths.add(source(dir, "deep-json", "[".repeat(100_000) + "]".repeat(100_000), "doc.json"));
        files.configPaths.add(config(dir, "dev-zero", "file:///dev/zero", null));
        Path fifo = dir.resolve("fifo.yaml");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() != 0) throw new IOException("mkfifo failed");
        files.configPaths.add(config(dir, "fifo", fifo.toString(), null));
        Path sparse = dir.resolve("sparse.yaml");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(100L * 1024 * 1024);
        }
        files.configPaths.add(config(dir, "sparse", sparse.toString(), null));
        Path overlay = Files.writeString(dir.resolve("overlay.yaml"), "overlay: 1.0.0\ninfo: {title: " + canary + "}\n"
                + "actions:\n  - target: \"$" + ".a".repeat(50_000) + "\"\n    remove: true\n");
        files.configPaths.add(config(dir, "deep-overlay", openapi.toString(), overlay.toString()));
        files.configPaths.add(dir.resolve("does-not-exist/.cli.json").toString());
        files.configPaths.add(dir.toString());
        files.configPaths.add(fifo.toString());
        files.configPaths.add("/dev/zero");
        files.configPaths.add("/proc/self/environ");
        files.configPaths.add("/proc/self/cmdline");
        files.configPaths.add(dir + "/a\u0000b/.cli.json");
        files.configPaths.add(dir + "/line\nbreak/.cli.json");
        files.configPaths.add("relative/../../.cli.json");
        files.configPaths.add("/" + "x".repeat(5000));
        return files;
    }

    private static String source(Path dir, String name, String content, String fileName) throws IOException {
        Path doc = Files.createDirectories(dir.resolve(name)).resolve(fileName);
        Files.writeString(doc, content);
        return config(dir, name, doc.toString(), null);
    }

    private static String config(Path dir, String name, String uri, String overlay) throws IOException {
        Path project = Files.createDirectories(dir.resolve(name)).resolve(".cli.json");
        String services = overlay == null ? "" : ", \"services\": {\"api\": {\"source\": \"s\", \"overlays\": [\"" + overlay + "\"]}}";
        Files.writeString(project, "{\"cli\": \"1.0.0\", \"mode\": {\"default\": \"discover\"}, \"sources\": {\"s\": "
                + "{\"type\": \"openapi\", \"uri\": \"" + uri + "\"}}" + services + "}");
        return project.toString();
    }
}
