package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.core.json.Json;

/** {@code ocli workflow run} with the engine in-process, on the demo's Arazzo workflow. */
class EmbeddedWorkflowRunTest {
    @TempDir
    Path dir;

    private CliResult ocli(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--state-dir";
        all[1] = dir.resolve("state").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return new CliRunner(Map.of(), dir).run(all);
    }

    @Test
    void validationOnlyListsTheDemoWorkflowsStepsReady() throws Exception {
        CliResult r = ocli("--demo", "workflow", "run", "browseAndOrder", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode result = Json.MAPPER.readTree(r.out());
        assertThat(result.path("steps").findValuesAsText("toolId"))
                .containsExactly("shop:listItems", "shop:getItem", "shop:createOrder");
        assertThat(result.path("steps").findValuesAsText("status")).containsOnly("ready");
    }

    @Test
    void aStepOutsideTheProfilesViewIsExit5AndUnknownWorkflowExit3() {
        CliResult denied = ocli("--demo", "--agent-profile", "shopper", "workflow", "run", "browseAndOrder");
        assertThat(denied.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(denied.err()).contains("step order");
        assertThat(ocli("--demo", "workflow", "run", "nope").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }
}
