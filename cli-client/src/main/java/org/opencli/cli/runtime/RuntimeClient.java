package org.opencli.cli.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.execution.ExecuteRequest;
import org.opencli.core.workflow.WorkflowRunRequest;

/**
 * What the CLI needs from a runtime, in the HTTP API's JSON shapes, whether the runtime is a daemon
 * or the engine running in-process. Failures are {@link ProblemException}s or CLI exceptions.
 */
public interface RuntimeClient extends AutoCloseable {

    /**
     * {@code GET /v1/catalog/effective}: {@code {catalog, view}}. {@code config}: the path to send as
     * it is (absolute; null lets the runtime use its own config).
     */
    JsonNode catalog(String config, String mode, String agentProfile);

    /**
     * {@link #catalog} for building commands: the answer may leave out {@code catalog.tools} and
     * {@code catalog.effectiveViews} (the view's tools and the services are all commands need).
     */
    default JsonNode commandCatalog(String config, String mode, String agentProfile) {
        return catalog(config, mode, agentProfile);
    }

    /** {@code GET /v1/runtime/info}. */
    JsonNode runtimeInfo();

    /**
     * {@code POST /v1/refresh}: revalidates the config's remote documents (or one source's: {@code
     * source}, null for all) and answers {@code {refreshedAt, catalogRebuilt, sources[]}}. {@code
     * progress} hears each source's entry of that answer as soon as the runtime has read it (the
     * daemon's NDJSON answer, or the engine's listener when embedded), on the calling thread.
     */
    JsonNode refresh(String config, String source, Consumer<JsonNode> progress);

    /**
     * {@code POST /v1/tools/execute}: the runtime's {@code ExecuteResult} JSON ({@code statusCode} is
     * the upstream's status). Runtime refusals (policy, approval, unknown tool...) are problems.
     */
    JsonNode execute(ExecuteRequest request);

    /**
     * {@link #execute(ExecuteRequest)} for a call the caller knows to be idempotent or not
     * ({@link IdempotentCalls}): an HTTP runtime may send an idempotent one again after a connection
     * failure, never another one.
     */
    default JsonNode execute(ExecuteRequest request, boolean idempotent) {
        return execute(request);
    }

    /**
     * {@code POST /v1/workflows/run}: {@code {workflowId, steps[], outputs?}}. Refusals before any
     * step ran (unknown workflow, policy) are problems; step failures are in the answer.
     */
    JsonNode runWorkflow(WorkflowRunRequest request);

    /**
     * {@code POST /v1/runtime/stop}: {@code {stopped}}; the daemon then drains and exits. Only a
     * daemon can be stopped: any other runtime refuses as a usage error.
     */
    default JsonNode stopRuntime() {
        throw notADaemon("stop", "nothing to stop");
    }

    /** {@code POST /v1/runtime/session-close}: {@code {closed, activeSessions}}; only a daemon holds sessions. */
    default JsonNode closeSession(String sessionId) {
        throw notADaemon("session-close", "no session to close");
    }

    /**
     * The refusal of a daemon-only command ({@code ocli runtime stop|session-close}) for a runtime
     * that is not a daemon: the engine inside this ocli, or a daemon that is not running.
     */
    static CliException notADaemon(String command, String nothing) {
        return new CliException(ExitCodes.USAGE, "no_daemon", "No daemon",
                nothing + ": this call runs the engine inside ocli (embedded), no daemon is involved; "
                        + "'ocli status' shows which runtime a call uses ('ocli runtime " + command + "' acts on a daemon)");
    }

    /** Where this client talks to: a URL, or {@code embedded}. */
    String location();

    @Override
    default void close() {
    }
}
