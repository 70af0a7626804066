package org.opencli.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.common.McpTransportContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import org.opencli.cli.CliException;
import org.opencli.cli.CliSession;
import org.opencli.cli.runtime.CallAbort;
import org.opencli.cli.runtime.ResolvedRuntime;
import org.opencli.core.error.Problem;
import org.opencli.core.execution.ExecuteRequest;
import org.opencli.core.mcpserver.GovernedRuntime;
import org.opencli.core.mcpserver.McpCall;

/**
 * The CLI's runtime behind {@code ocli mcp serve}: the list is what {@code ocli catalog list} shows
 * (the global {@code --mode}/{@code --agent-profile}, fetched again per list so a changed config
 * shows), a call is what a tool command sends. The runtime clients block, so calls run one at a
 * time on {@code calls}, never on the transport's reader.
 */
final class CliGovernedRuntime implements GovernedRuntime {
    private final CliSession session;
    private final ExecutorService calls;

    CliGovernedRuntime(CliSession session, ExecutorService calls) {
        this.session = session;
        this.calls = calls;
    }

    @Override
    public CompletionStage<JsonNode> effectiveCatalog(McpTransportContext context) {
        return CompletableFuture.supplyAsync(session::freshCatalog, calls);
    }

    @Override
    public CompletionStage<JsonNode> execute(McpTransportContext context, McpCall call) {
        CallAbort abort = new CallAbort();
        CompletableFuture<JsonNode> answer = CompletableFuture.supplyAsync(() -> CallAbort.run(abort, () -> {
            ResolvedRuntime runtime = session.runtime();
            ExecuteRequest request = new ExecuteRequest(runtime.target().config(), runtime.target().mode(session.options().mode),
                    runtime.target().agentProfile(session.options().agentProfile, session.options().mode), call.toolId(),
                    call.pathArgs(), call.flags(), call.body(), call.bodyContentType(), call.approval(), false);
            // an agent may repeat a call itself; ocli does not send one again after a lost connection
            return runtime.client().execute(request, false);
        }), calls);
        // cancelled: the agent cancelled the call or went away; the runtime call is aborted, so the runtime cancels in turn
        answer.whenComplete((value, error) -> {
            if (answer.isCancelled()) abort.abort();
        });
        return answer;
    }

    @Override
    public Problem problemOf(Throwable failure) {
        return failure instanceof CliException refused ? refused.problem() : null;
    }
}
