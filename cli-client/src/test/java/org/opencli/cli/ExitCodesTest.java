package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitCodesTest {
    @Test
    void runtimeProblemsMapByStatus() {
        assertThat(ExitCodes.forRuntimeProblem(400, "invalid_config")).isEqualTo(2);
        assertThat(ExitCodes.forRuntimeProblem(400, "config_not_found")).isEqualTo(2);
        assertThat(ExitCodes.forRuntimeProblem(401, "auth_required")).isEqualTo(4);
        assertThat(ExitCodes.forRuntimeProblem(403, "policy_deny")).isEqualTo(5);
        assertThat(ExitCodes.forRuntimeProblem(404, "x")).isEqualTo(3);
        assertThat(ExitCodes.forRuntimeProblem(502, "upstream_failed")).isEqualTo(8);
        assertThat(ExitCodes.forRuntimeProblem(500, "internal_error")).isEqualTo(1);
    }

    @Test
    void unknownThingsAreNotFoundWhateverTheStatus() {
        assertThat(ExitCodes.forRuntimeProblem(400, "unknown_profile")).isEqualTo(3);
        assertThat(ExitCodes.forRuntimeProblem(404, "unknown_tool")).isEqualTo(3);
    }

    @Test
    void upstreamStatuses() {
        assertThat(ExitCodes.forUpstreamStatus(200)).isZero();
        assertThat(ExitCodes.forUpstreamStatus(401)).isEqualTo(4);
        assertThat(ExitCodes.forUpstreamStatus(403)).isEqualTo(5);
        assertThat(ExitCodes.forUpstreamStatus(404)).isEqualTo(6);
        assertThat(ExitCodes.forUpstreamStatus(503)).isEqualTo(7);
    }
}
