package org.opencli.cli.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.support.CliRunner.CliResult;

/** Exit codes by upstream status class (body still printed) and by runtime refusal. */
class ExecutionExitCodesTest extends ExecFixture {

    @Test
    void upstream2xx4xx5xx() {
        assertThat(statusExit(201)).isEqualTo(ExitCodes.OK);
        assertThat(statusExit(404)).isEqualTo(ExitCodes.UPSTREAM_CLIENT_ERROR);
        assertThat(statusExit(422)).isEqualTo(ExitCodes.UPSTREAM_CLIENT_ERROR);
        assertThat(statusExit(500)).isEqualTo(ExitCodes.UPSTREAM_SERVER_ERROR);
        assertThat(statusExit(503)).isEqualTo(ExitCodes.UPSTREAM_SERVER_ERROR);
    }

    @Test
    void upstreamErrorBodyIsStillPrinted() {
        runtime.answer("helpdesk:getTicket", 200, "{\"statusCode\":404,\"body\":{\"error\":\"no ticket 9\"}}");
        CliResult r = ocli("hd", "tickets", "get-ticket", "9");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UPSTREAM_CLIENT_ERROR);
        assertThat(r.out()).contains("\"error\": \"no ticket 9\"");
    }

    @Test
    void runtimeRefusals() {
        assertThat(problemExit(401, "credentials_unresolved")).isEqualTo(ExitCodes.AUTH_REQUIRED);
        assertThat(problemExit(403, "policy_deny")).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(problemExit(403, "insufficient_scope")).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(problemExit(404, "unknown_tool")).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(problemExit(400, "invalid_arguments")).isEqualTo(ExitCodes.USAGE);
        assertThat(problemExit(502, "upstream_unreachable")).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(problemExit(502, "response_too_large")).isEqualTo(ExitCodes.UNREACHABLE);
    }

    @Test
    void refusalMessageIsPrinted() {
        runtime.answer("helpdesk:getTicket", 403, problem(403, "managed_deny"));
        CliResult r = ocli("hd", "tickets", "get-ticket", "9");
        assertThat(r.err()).contains("error: Refused: managed_deny happened");
    }

    /** A tool call is a POST: its 401 (with the runtime's WWW-Authenticate) still shows the runtime's problem. */
    @Test
    void anUnauthorizedToolCallShowsTheRuntimesProblem() {
        runtime.answer("helpdesk:getTicket", 401, problem(401, "credentials_unresolved"));
        CliResult r = ocli("hd", "tickets", "get-ticket", "9");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.AUTH_REQUIRED);
        assertThat(r.err()).contains("credentials_unresolved happened").doesNotContain("HTTP 401");
    }

    @Test
    void unreachableRuntimeIsExit8() {
        String url = runtime.url();
        runtime.close();
        CliResult r = new org.opencli.cli.support.CliRunner(java.util.Map.of(), dir)
                .run("--runtime", url, "hd", "tickets", "get-ticket", "9");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    }

    private int statusExit(int status) {
        runtime.answer("helpdesk:getTicket", 200, "{\"statusCode\":" + status + ",\"body\":{}}");
        return ocli("hd", "tickets", "get-ticket", "1").exitCode();
    }

    private int problemExit(int status, String code) {
        runtime.answer("helpdesk:getTicket", status, problem(status, code));
        return ocli("hd", "tickets", "get-ticket", "1").exitCode();
    }

    private static String problem(int status, String code) {
        return "{\"type\":\"urn:open-cli:problem:" + code + "\",\"title\":\"Refused\",\"status\":" + status
                + ",\"detail\":\"" + code + " happened\",\"code\":\"" + code + "\"}";
    }
}
