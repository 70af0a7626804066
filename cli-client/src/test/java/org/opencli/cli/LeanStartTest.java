package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.FakeRuntime;

/**
 * Daemon mode must not load the engine (nor java.net.http's client): runs {@code ocli --runtime URL catalog list}, a dynamic
 * tool's help and a tool execution in a fresh JVM with {@code -verbose:class} and checks no engine, catalog or OpenAPI
 * parser class was loaded (and that the embedded client was never touched).
 */
class LeanStartTest {
    private static final List<String> FORBIDDEN = List.of(
            "org.opencli.core.catalog.", "org.opencli.core.engine.RuntimeEngine", "org.opencli.core.config.ConfigLoader",
            "io.swagger.", "org.opencli.cli.runtime.EmbeddedRuntimeClient", "com.networknt.",
            "org.opencli.core.execution.Upstream", "org.opencli.core.execution.RequestRenderer",
            "com.nimbusds.", "org.opencli.core.auth.client.OAuthFlows",
            // the MCP SDK and Project Reactor load only for a config with an mcp source (embedded) or `mcp serve`
            "io.modelcontextprotocol.", "reactor.core.", "org.opencli.core.mcp.",
            // java.net.http's client costs half a second of CPU to start; the runtime API needs a socket
            "jdk.internal.net.http.",
            // ocli sends a traceparent of its own (core.observe.TraceContext), never through a tracing library
            "io.opentelemetry.",
            // the MCP SDK and Reactor load only for `ocli mcp serve`
            "io.modelcontextprotocol.", "reactor.core.", "org.opencli.core.mcpserver.", "org.opencli.cli.mcp.");

    @TempDir
    Path dir;

    @Test
    void daemonPathLoadsNoEngineClasses() throws Exception {
        try (FakeRuntime runtime = new FakeRuntime()) {
            String classes = runProbe(runtime.url(), "catalog", "list", "--format", "json");
            assertThat(classes).contains("org.opencli.cli.runtime.HttpRuntimeClient");
            FORBIDDEN.forEach(prefix -> assertThat(classes).as("loaded " + prefix).doesNotContain(prefix));
            String dynamic = runProbe(runtime.url(), "hd", "tickets", "get-ticket", "--help");
            assertThat(dynamic).contains("org.opencli.cli.dynamic.DynamicTreeBuilder");
            FORBIDDEN.forEach(prefix -> assertThat(dynamic).as("loaded " + prefix).doesNotContain(prefix));
            String execute = runProbe(runtime.url(), "hd", "tickets", "get-ticket", "42");
            assertThat(execute).contains("org.opencli.core.execution.ExecuteRequest");
            FORBIDDEN.forEach(prefix -> assertThat(execute).as("loaded " + prefix).doesNotContain(prefix));
            String workflow = runProbe(runtime.url(), "workflow", "run", "w", "--execute");
            assertThat(workflow).contains("org.opencli.core.workflow.WorkflowRunRequest");
            FORBIDDEN.forEach(prefix -> assertThat(workflow).as("loaded " + prefix).doesNotContain(prefix));
        }
    }

    /**
     * Picocli builds a command's model by reflection over its classes: {@code --version} builds no
     * built-in command, a built-in builds only itself, a tool call none; help still lists them all.
     */
    @Test
    void builtInCommandsAreBuiltOnlyWhenTheCommandLineNeedsThem() throws Exception {
        try (FakeRuntime runtime = new FakeRuntime()) {
            String version = runProbe(runtime.url(), "--version");
            assertThat(version).contains("org.opencli.cli.OcliCommand").doesNotContain("org.opencli.cli.commands.");
            String catalog = runProbe(runtime.url(), "catalog", "list", "--format", "json");
            assertThat(catalog).contains("org.opencli.cli.commands.CatalogListCommand")
                    .doesNotContain("org.opencli.cli.commands.AuditCommand").doesNotContain("org.opencli.cli.commands.ConfigCommand");
            String call = runProbe(runtime.url(), "hd", "tickets", "get-ticket", "42");
            assertThat(call).doesNotContain("org.opencli.cli.commands.CatalogCommand")
                    .doesNotContain("org.opencli.cli.commands.AuditCommand").doesNotContain("org.opencli.cli.commands.ConfigCommand");
            String help = runProbe(runtime.url(), "--help");
            assertThat(help).contains("org.opencli.cli.commands.McpServeCommand");
            FORBIDDEN.forEach(prefix -> assertThat(help).as("--help loaded " + prefix).doesNotContain(prefix));
            BuiltinCommands.names().stream().filter(name -> !name.startsWith("__"))
                    .forEach(name -> assertThat(help).as("--help lists " + name).containsPattern("(?m)^  " + name + "\\b"));
        }
    }

    @Test
    void theRegistryNamesEachCommandAsItsAnnotationDoes() {
        BuiltinCommands.names().forEach(name -> assertThat(BuiltinCommands.type(name).getAnnotation(picocli.CommandLine.Command.class).name()).isEqualTo(name));
    }

    /** Embedded mode over OpenAPI sources only: the engine loads, the MCP SDK and Reactor do not. */
    @Test
    void embeddedWithoutMcpSourcesLoadsNoMcpClasses() throws Exception {
        Files.writeString(dir.resolve("api.yaml"), "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"Api\", \"version\": \"1\"},"
                + " \"paths\": {\"/things\": {\"get\": {\"operationId\": \"listThings\", \"responses\": {\"200\": {\"description\": \"OK\"}}}}}}");
        Path config = Files.writeString(dir.resolve("embedded.cli.json"), """
                {"cli": "1.0.0", "mode": {"default": "discover"}, "runtime": {"mode": "embedded"},
                 "sources": {"api": {"type": "openapi", "uri": "./api.yaml"}}}
                """);
        String classes = runProbe(null, "--embedded", "--config", config.toString(), "catalog", "list", "--format", "json");
        assertThat(classes).contains("org.opencli.core.engine.RuntimeEngine");
        List.of("io.modelcontextprotocol.", "reactor.core.", "org.opencli.core.mcp.")
                .forEach(prefix -> assertThat(classes).as("loaded " + prefix).doesNotContain(prefix));
    }

    /**
     * A local daemon found through the registry gets one heartbeat with the config's fingerprint
     * first: reading four small files must not load the config loader either.
     */
    @Test
    void registryDaemonPathLoadsNoEngineClasses() throws Exception {
        try (FakeRuntime runtime = new FakeRuntime()) {
            Path config = Files.writeString(dir.resolve(".cli.json"), "{}");
            String instanceId = org.opencli.core.instance.InstanceId.fromConfigPath(config);
            org.opencli.core.instance.ProcessIdentity self = org.opencli.core.instance.ProcessIdentity.current();
            new org.opencli.core.instance.RuntimeRegistry(new org.opencli.core.instance.StateLayout(dir.resolve("state"), instanceId)
                    .registryFile()).write(new org.opencli.core.instance.RegistryEntry(instanceId, runtime.url(), self.pid(), null, null,
                            config.toString(), null, true, self.startedAt(), null, List.of()));
            String classes = runProbe(null, "catalog", "list", "--format", "json");
            assertThat(runtime.heartbeats()).as("attached with one heartbeat").hasSize(1);
            FORBIDDEN.forEach(prefix -> assertThat(classes).as("loaded " + prefix).doesNotContain(prefix));
        }
    }

    private String runProbe(String url, String... command) throws Exception {
        Path log = dir.resolve("classes-" + System.nanoTime() + ".txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> args = new java.util.ArrayList<>(List.of(java, "-verbose:class", "-cp", System.getProperty("java.class.path"),
                LeanStartProbe.class.getName(), "--state-dir", dir.resolve("state").toString()));
        if (url != null) args.addAll(List.of("--runtime", url));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isZero();
            return output;
        } finally {
            process.destroyForcibly();
        }
    }

    /** The probe's main: the real launcher with picocli's plain factory (no CDI container). */
    public static final class LeanStartProbe {
        public static void main(String[] args) {
            int exit = OcliLauncher.run(picocli.CommandLine.defaultFactory(),
                    org.opencli.cli.runtime.RuntimeResolver.standard(), args);
            System.exit(exit);
        }
    }

}
