package org.opencli.cli.init;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.opencli.cli.output.OutputWriter;
import org.opencli.core.catalog.AuthAlternative;
import org.opencli.core.catalog.Catalog;
import org.opencli.core.catalog.CatalogBuilder;
import org.opencli.core.catalog.Tool;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.ConfigScopes;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.discovery.DocumentFetchers;
import org.opencli.core.json.Json;
import org.opencli.core.mcp.McpConnections;
import org.opencli.core.mcp.McpSecrets;

/**
 * Runs the engine over a starter config before {@code init} writes it: the document is fetched,
 * validated and indexed exactly as the runtime will (the same {@link CatalogBuilder}), so a broken
 * description fails here with the runtime's own problem. Only the starter config is read — no
 * managed or user scope, whose sources are not this document's business — from a temporary file
 * beside the target, so relative references resolve as they will. An MCP server is asked for its
 * tools through the engine's own connections ({@code core.mcp}), ended before init returns (a stdio
 * server's process included).
 */
public final class DocumentCheck {
    /** What the document yields for the service: its tools and the security schemes they use, by name. */
    public record Result(int tools, Map<String, AuthAlternative.Requirement> schemes) {
    }

    private DocumentCheck() {
    }

    public static Result run(ObjectNode starter, String serviceId, Path targetDir) {
        List<Tool> tools = catalogOf(starter, targetDir).tools().stream().filter(t -> serviceId.equals(t.serviceId())).toList();
        return new Result(tools.size(), schemesOf(tools));
    }

    /**
     * {@code ocli config add-source}: the one new source, alone in a config beside the edited one
     * (relative URIs resolve as they will), fetched and indexed; throws the engine's problem.
     */
    public static void source(String name, String type, String uri, Path configDir) {
        ObjectNode config = Json.MAPPER.createObjectNode().put("cli", "1.0.0");
        config.putObject("mode").put("default", "discover");
        config.putObject("sources").putObject(name).put("type", type).put("uri", uri);
        catalogOf(config, configDir);
    }

    private static Catalog catalogOf(ObjectNode starter, Path targetDir) {
        Path config = null;
        Path cache = null;
        ExecutorService workers = Executors.newSingleThreadExecutor();
        Clock clock = Clock.systemUTC();
        // the starter config has no secrets: a server whose headers need them is not contacted (InitReport)
        Runnable nothingToTell = () -> {
        };
        McpConnections mcp = new McpConnections(loaded -> new McpSecrets(null, Map.of(), null), workers, clock, nothingToTell, nothingToTell);
        try (mcp) {
            config = Files.createTempFile(targetDir, ".cli-init-", ".json.tmp");
            Files.writeString(config, OutputWriter.json(starter));
            cache = Files.createTempDirectory("ocli-init-cache-");
            LoadedConfig loaded = new ConfigLoader(new ConfigScopes(null, null)).load(config);
            return new CatalogBuilder(DocumentFetchers.standard(cache, clock), clock, mcp).build(loaded).catalog();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary file in " + targetDir, e);
        } finally {
            workers.shutdownNow();
            deleteQuietly(config);
            deleteQuietly(cache);
        }
    }

    /** Every scheme any tool's security names, first use first. */
    private static Map<String, AuthAlternative.Requirement> schemesOf(List<Tool> tools) {
        Map<String, AuthAlternative.Requirement> schemes = new LinkedHashMap<>();
        for (Tool tool : tools) {
            if (tool.authAlternatives() == null) continue;
            for (AuthAlternative alternative : tool.authAlternatives()) {
                for (AuthAlternative.Requirement r : alternative.requirements()) schemes.putIfAbsent(r.name(), r);
            }
        }
        return schemes;
    }

    private static void deleteQuietly(Path path) {
        if (path == null) return;
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
    }
}
