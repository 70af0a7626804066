package org.opencli.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --demo}: writes the built-in shop API (OpenAPI, overlay, skill manifest, Arazzo workflow,
 * {@code .cli.json} with a curated profile) into {@code <state-root>/demo/}, fresh each time, and
 * starts its upstream, whose URL goes into the OpenAPI {@code servers}.
 */
public final class DemoEnvironment implements AutoCloseable {
    static final String UPSTREAM_PLACEHOLDER = "__DEMO_UPSTREAM_URL__";
    private static final String[] FILES = {"shop.openapi.yaml", "shop.overlay.yaml", "shop.skill.json", "shop.arazzo.yaml"};

    private final Path configPath;
    private final DemoUpstream upstream;

    private DemoEnvironment(Path configPath, DemoUpstream upstream) {
        this.configPath = configPath;
        this.upstream = upstream;
    }

    public static DemoEnvironment start(Path dir) {
        DemoUpstream upstream = DemoUpstream.start();
        try {
            Files.createDirectories(dir);
            for (String name : FILES) {
                String text = resource(name).replace(UPSTREAM_PLACEHOLDER, upstream.url());
                Files.writeString(dir.resolve(name), text);
            }
            Path key = dir.resolve("demo-api-key.txt");
            Files.writeString(key, DemoUpstream.API_KEY + "\n");
            Path config = configFile(dir);
            Files.writeString(config, resource("cli.json"));
            return new DemoEnvironment(config, upstream);
        } catch (IOException | RuntimeException e) {
            upstream.close();
            throw new IllegalStateException("cannot write the demo files to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Where {@link #start} writes the demo's config in {@code dir}. */
    public static Path configFile(Path dir) {
        return dir.resolve(".cli.json");
    }

    public Path configPath() {
        return configPath;
    }

    public String upstreamUrl() {
        return upstream.url();
    }

    @Override
    public void close() {
        upstream.close();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DemoEnvironment.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) throw new IOException("missing demo resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
