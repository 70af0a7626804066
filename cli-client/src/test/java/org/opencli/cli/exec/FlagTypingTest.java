package org.opencli.cli.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.support.CliRunner.CliResult;

/** Flags are typed by their schemas and checked before anything is sent. */
class FlagTypingTest extends ExecFixture {

    @Test
    void valuesAreSentAsTheirSchemaTypes() {
        CliResult r = ocli("hd", "tickets", "list-tickets", "--status", "open", "--page-size", "25", "--closed", "true",
                "--minScore", "0.5", "--sort", "oldest", "--tag", "a", "--tag", "b,c", "--ids", "1,2", "--filter", "{\"x\":[1]}");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode flags = runtime.executions().get(0).path("flags");
        assertThat(flags.path("status").isTextual()).isTrue();
        assertThat(flags.path("page-size").isIntegralNumber()).isTrue();
        assertThat(flags.path("page-size").asInt()).isEqualTo(25);
        assertThat(flags.path("closed").isBoolean()).isTrue();
        assertThat(flags.path("min-score").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(flags.path("sort").asText()).isEqualTo("oldest");
        assertThat(flags.path("tag").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(flags.path("ids").toString()).isEqualTo("[1,2]");
        assertThat(flags.path("filter").toString()).isEqualTo("{\"x\":[1]}");
    }

    @Test
    void badIntegerNamesFlagValueAndExpectationAndSendsNothing() {
        assertRejected(ocli("hd", "tickets", "list-tickets", "--page-size", "ten"), "--page-size", "'ten'", "an integer");
    }

    @Test
    void badBooleanNumberEnumArrayItemAndObjectAreRejected() {
        assertRejected(ocli("hd", "tickets", "list-tickets", "--closed", "maybe"), "--closed", "'maybe'", "true or false");
        assertRejected(ocli("hd", "tickets", "list-tickets", "--min-score", "1.2.3"), "--min-score", "'1.2.3'", "a number");
        assertRejected(ocli("hd", "tickets", "list-tickets", "--sort", "random"), "--sort", "'random'", "one of: newest, oldest");
        assertRejected(ocli("hd", "tickets", "list-tickets", "--ids", "1,x"), "--ids", "'x'", "an integer");
        assertRejected(ocli("hd", "tickets", "list-tickets", "--filter", "{x"), "--filter", "a JSON object", "line 1, column 2");
        assertRejected(ocli("hd", "tickets", "list-tickets", "--filter", "[1]"), "--filter", "a JSON object");
    }

    private void assertRejected(CliResult r, String... expected) {
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(expected);
        assertThat(runtime.executions()).isEmpty();
    }
}
