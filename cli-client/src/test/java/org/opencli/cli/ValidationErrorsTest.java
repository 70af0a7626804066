package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;

/**
 * Refusals that list problems print each problem once, against the real engine in-process: a
 * validation refusal's detail already names its first problems, a config error's detail counts them.
 */
class ValidationErrorsTest {
    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void project() throws Exception {
        Files.writeString(dir.resolve("tickets.yaml"), """
                openapi: 3.0.3
                info: {title: Helpdesk, version: "1"}
                servers: [{url: "http://127.0.0.1:9"}]
                paths:
                  /tickets:
                    post:
                      operationId: createTicket
                      tags: [tickets]
                      requestBody:
                        required: true
                        content:
                          application/json:
                            schema:
                              type: object
                              required: [title]
                              properties:
                                title: {type: string}
                                priority: {type: string, enum: [low, normal, high]}
                                tags: {type: array, items: {type: string}}
                                count: {type: integer}
                      responses: {"200": {description: ok}}
                """);
        cli = new CliRunner(Map.of(), dir);
        assertThat(ocli("init", "tickets.yaml").exitCode()).isZero();
    }

    private CliResult ocli(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--state-dir";
        all[1] = dir.resolve("state").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.run(all);
    }

    @Test
    void aBadBodyNamesEachProblemOnce() {
        CliResult r = ocli("helpdesk", "tickets", "create-ticket", "--body", "{\"title\":\"t\",\"priority\":\"urgent\"}");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: Invalid request body: /priority: must be one of [low, normal, high]\n"
                + "Run 'ocli --state-dir " + dir.resolve("state") + " helpdesk tickets create-ticket --help' for usage.\n");
    }

    @Test
    void moreProblemsThanTheDetailNamesAreListedBelowIt() {
        CliResult r = ocli("helpdesk", "tickets", "create-ticket", "--body",
                "{\"priority\":\"urgent\",\"tags\":\"x\",\"count\":\"y\",\"extra\":1}");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).isEqualTo("error: Invalid request body: /priority: must be one of [low, normal, high];"
                + " /tags: must be an array, not a string; /count: must be an integer, not a string (and 1 more)\n"
                + "  /title: is required\n"
                + "Run 'ocli --state-dir " + dir.resolve("state") + " helpdesk tickets create-ticket --help' for usage.\n");
    }

    @Test
    void aConfigErrorStillListsItsItems() throws Exception {
        Files.writeString(dir.resolve(".cli.json"), "{\"cli\": 1, \"sources\": [], \"mode\": {\"default\": \"nope\"}}");
        CliResult r = ocli("catalog", "list");
        assertThat(r.exitCode()).isNotZero();
        String config = dir.resolve(".cli.json").toString();
        assertThat(r.err()).isEqualTo("error: Invalid configuration: 3 problems\n"
                + "  " + config + ": $.cli: wrong type: found an integer (expected: a string)\n"
                + "  " + config + ": $.mode.default: value \"nope\" is not allowed (expected: one of: discover, curated)\n"
                + "  " + config + ": $.sources: wrong type: found an array (expected: an object whose values are objects)\n"
                + "Fix the file where each line points, then run 'ocli config validate'.\n");
    }
}
