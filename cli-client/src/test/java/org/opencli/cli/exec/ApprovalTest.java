package org.opencli.cli.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.support.CliRunner.CliResult;

/** Approval-required tools: --approval, the terminal prompt, and the runtime's refusal otherwise. */
class ApprovalTest extends ExecFixture {
    private static final String REFUSAL = "{\"type\":\"urn:open-cli:problem:approval_required\",\"title\":\"Approval required\","
            + "\"status\":403,\"detail\":\"tool helpdesk:purgeTickets requires approval\",\"code\":\"approval_required\"}";

    @Test
    void withoutATerminalNobodyIsAskedAndTheRuntimeRefusal() {
        runtime.answer("helpdesk:purgeTickets", 403, REFUSAL);
        CliResult r = cli.withStdin("y\n").run("hd", "admin", "purge-tickets");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(r.err()).doesNotContain("Proceed?").contains("requires approval", "pass --approval");
        assertThat(runtime.executions().get(0).path("approval").asBoolean()).isFalse();
    }

    @Test
    void approvalFlagApprovesWithoutAsking() {
        CliResult r = cli.onTerminal().run("hd", "admin", "purge-tickets", "--approval");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("Proceed?");
        assertThat(runtime.executions().get(0).path("approval").asBoolean()).isTrue();
    }

    @Test
    void onATerminalYesApproves() {
        CliResult r = cli.onTerminal().withStdin("y\n").run("hd", "admin", "purge-tickets");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("Tool helpdesk:purgeTickets is marked approval-required (DELETE /admin/tickets). Proceed? [y/N]");
        assertThat(runtime.executions().get(0).path("approval").asBoolean()).isTrue();
    }

    @Test
    void onATerminalAnythingElseDeclinesAndSendsNothing() {
        CliResult r = cli.onTerminal().withStdin("\n").run("hd", "admin", "purge-tickets");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(r.err()).contains("DELETE /admin/tickets was not sent");
        assertThat(runtime.executions()).isEmpty();
    }

    @Test
    void toolsWithoutApprovalAreNeverPrompted() {
        CliResult r = cli.onTerminal().run("hd", "tickets", "get-ticket", "1");
        assertThat(r.err()).doesNotContain("Proceed?");
        assertThat(r.exitCode()).isZero();
    }
}
