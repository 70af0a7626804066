package org.opencli.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencli.core.mcp.McpStdioSourceTest.call;
import static org.opencli.core.mcp.McpStdioSourceTest.everythingConfig;
import static org.opencli.core.mcp.McpStdioSourceTest.text;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.observe.RecordingObserver;
import org.opencli.core.observe.RecordingObserver.Step;
import org.opencli.core.observe.StepKind;

/** A {@code tools/call} of an mcp tool as the engine's observer sees it: one MCP step under the execution, no HTTP one. */
class ObservedMcpCallTest {
    @TempDir
    Path dir;

    @Test
    void anMcpToolCallIsOneMcpStepUnderItsExecution() throws Exception {
        RecordingObserver observer = new RecordingObserver();
        try (McpEngineFixture f = new McpEngineFixture(dir, everythingConfig(""), Map.of(), observer)) {
            f.engine.execute(call("everything:echo", Map.of("message", text("seen")))).toCompletableFuture().join();

            assertThat(observer.allEndedOnce()).as(observer.steps.toString()).isTrue();
            Step execution = observer.only(StepKind.EXECUTION);
            assertThat(execution.outcome()).isEqualTo("allow");
            Step mcp = observer.only(StepKind.MCP_CALL);
            assertThat(mcp.parent).isSameAs(execution);
            assertThat(mcp.outcome()).isEqualTo("ok");
            assertThat(mcp.tags).containsEntry("tool", "everything:echo").containsEntry("source", "everything")
                    .containsEntry("transport", "stdio");
            assertThat(observer.only(StepKind.POLICY_DECISION).parent).isSameAs(execution);
            assertThat(observer.only(StepKind.CATALOG_BUILD).outcome()).isEqualTo("ok");
            assertThat(observer.of(StepKind.UPSTREAM_CALL)).isEmpty();
        }
    }
}
