package org.opencli.service.mcp;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.mcpserver.StatelessMcpHandler;

/** The one MCP handler {@code /mcp} serves with, over the daemon's engine. */
public class McpServerProducer {
    static final String SERVER_NAME = "oclird";

    @Produces
    @Singleton
    StatelessMcpHandler handler(RuntimeEngine engine) {
        String version = RuntimeEngine.class.getPackage().getImplementationVersion();
        return StatelessMcpHandler.create(new EngineGovernedRuntime(engine), SERVER_NAME, version == null ? "dev" : version);
    }
}
