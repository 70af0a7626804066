package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.cli.support.FakeRuntime;

/**
 * ocli sends an idempotent call again when the connection to the runtime fails before an answer
 * (or a gateway says its replica is gone), at most twice; a call that is not idempotent exactly once.
 */
class ConnectionRetryTest {
    @TempDir
    Path dir;
    FakeRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        runtime = new FakeRuntime();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private CliResult ocli(String... args) {
        return new CliRunner(Map.of(), dir).run(Stream.concat(Stream.of("--runtime", runtime.url(), "--state-dir",
                dir.resolve("state").toString()), Stream.of(args)).toArray(String[]::new));
    }

    @Test
    void aReadIsSentAgainAfterTheConnectionDropped() {
        runtime.dropNext(3);
        CliResult r = ocli("catalog", "list", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(runtime.catalogQueries()).hasSize(1);
    }

    @Test
    void aReadGivesUpAsUnreachableAfterItsRetries() {
        runtime.dropNext(100);
        CliResult r = ocli("runtime", "info");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("Runtime unreachable");
        // three attempts of ours; the JDK's client may itself send a GET once more on a closed connection
        assertThat(runtime.requestsSeen()).isBetween(3, 6);
    }

    @Test
    void anIdempotentToolCallIsSentAgain() {
        runtime.dropNextAfter(1, 2); // the catalog request passes, then two execute attempts are dropped
        CliResult get = ocli("hd", "tickets", "get-ticket", "42");
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(runtime.requestsSeen()).as("catalog + two dropped + one answered execute").isEqualTo(4);
        assertThat(runtime.executions()).extracting(e -> e.path("toolId").asText()).containsExactly("helpdesk:getTicket");
    }

    @Test
    void aCallThatIsNotIdempotentIsNeverSentTwice() {
        runtime.dropNextAfter(1, 1);
        CliResult created = ocli("hd", "tickets", "create-ticket", "--notify=true", "--body", "{\"title\":\"x\"}");
        assertThat(created.exitCode()).as(created.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(created.err()).as("the call left whole: not 'cannot reach', but a warning before a retry by hand")
                .contains("No answer from the runtime").contains("may have been carried out").doesNotContain("cannot reach");
        assertThat(runtime.requestsSeen()).as("catalog + the one execute attempt").isEqualTo(2);
        assertThat(runtime.executions()).isEmpty();

        runtime.dropNext(1);
        CliResult planned = ocli("workflow", "run", "triage");
        assertThat(planned.exitCode()).as("a plan-only workflow run calls no tool: " + planned.err()).isZero();
        runtime.dropNext(1);
        CliResult executed = ocli("workflow", "run", "triage", "--execute");
        assertThat(executed.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(runtime.workflowRuns()).hasSize(1);
    }

    @Test
    void aGatewaysBadGatewayPageIsRetriedButTheRuntimesOwnProblemIsNot() {
        runtime.gatewayErrorNext(1);
        CliResult r = ocli("catalog", "list", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(runtime.requestsSeen()).isEqualTo(2);

        runtime.answer("helpdesk:listTickets", 502, "{\"title\":\"Upstream failed\",\"status\":502,\"code\":\"upstream_failed\","
                + "\"detail\":\"connection refused\"}");
        int before = runtime.requestsSeen();
        CliResult upstream = ocli("hd", "tickets", "list-tickets");
        assertThat(upstream.exitCode()).isNotZero();
        assertThat(runtime.requestsSeen() - before).as("catalog + one execute: the runtime's own 502 is an answer").isEqualTo(2);
    }

    @Test
    void anyCallIsSentAgainWhenADrainingRuntimeRefusedItButNotWhenItWasCutOff() {
        runtime.answer("helpdesk:createTicket", 503, "{\"title\":\"Runtime shutting down\",\"status\":503,"
                + "\"code\":\"shutting_down\",\"detail\":\"nothing was sent\"}");
        CliResult refused = ocli("hd", "tickets", "create-ticket", "--notify=true", "--body", "{\"title\":\"x\"}");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(runtime.executions()).as("refused before sending: sent again, at most twice more").hasSize(3);

        runtime.answer("helpdesk:createTicket", 503, "{\"title\":\"Cut off\",\"status\":503,"
                + "\"code\":\"shutdown_cut_off\",\"detail\":\"may have reached the upstream\"}");
        CliResult cut = ocli("hd", "tickets", "create-ticket", "--notify=true", "--body", "{\"title\":\"x\"}");
        assertThat(cut.exitCode()).isNotZero();
        assertThat(runtime.executions()).as("a cut-off call may have reached the upstream: never sent again").hasSize(4);
    }
}
