package org.opencli.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service id {@code ocli init --type mcp} picks without {@code --name}, and the transport it writes. */
class McpServerSpecTest {
    private static McpServerSpec stdio(String command, String... args) {
        return new McpServerSpec("stdio", command, List.of(args), null, null, null, null).checked();
    }

    private static McpServerSpec http(String url) {
        return new McpServerSpec("streamable-http", null, null, null, url, null, null).checked();
    }

    @Test
    void aLauncherIsNamedAfterThePackageItRuns() {
        McpServerSpec npx = stdio("npx", "-y", "@modelcontextprotocol/server-filesystem@2026.8.31", "/srv/files");
        assertThat(npx.defaultServiceId()).isEqualTo("server-filesystem");
        assertThat(npx.transportJson().toString())
                .isEqualTo("{\"type\":\"stdio\",\"command\":\"npx\",\"args\":[\"-y\",\"@modelcontextprotocol/server-filesystem@2026.8.31\",\"/srv/files\"]}");
        assertThat(npx.location()).isEqualTo("npx -y @modelcontextprotocol/server-filesystem@2026.8.31 /srv/files");
        assertThat(stdio("python3", "-m", "servers/weather_mcp.py").defaultServiceId()).isEqualTo("weather-mcp");
        assertThat(stdio("uvx").defaultServiceId()).isEqualTo("uvx");
    }

    @Test
    void anyOtherProgramIsNamedAfterItself() {
        assertThat(stdio("/opt/tools/bin/Git_MCP.sh", "serve").defaultServiceId()).isEqualTo("git-mcp");
    }

    @Test
    void anHttpServerIsNamedAfterItsHostUnlessThatIsAnAddress() {
        assertThat(http("https://mcp.linear.app/mcp").defaultServiceId()).isEqualTo("linear");
        assertThat(http("https://www.example.com/mcp").defaultServiceId()).isEqualTo("example");
        assertThat(http("http://127.0.0.1:3001/mcp").defaultServiceId()).isEqualTo("mcp");
        assertThat(http("http://localhost:3001/mcp").defaultServiceId()).isEqualTo("mcp");
        assertThat(http("http://[::1]:3001/mcp").defaultServiceId()).isEqualTo("mcp");
    }

    @Test
    void emptyMapsAreLeftOut() {
        McpServerSpec spec = new McpServerSpec("sse", null, null, Map.of(), "http://h/sse", Map.of(), Map.of("X-Key", "h.key")).checked();
        assertThat(spec.transportJson().toString()).isEqualTo("{\"type\":\"sse\",\"url\":\"http://h/sse\",\"headerSecrets\":{\"X-Key\":\"h.key\"}}");
    }
}
