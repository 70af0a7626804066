package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencli.cli.output.Table;
import org.opencli.cli.output.TableRenderer;

class TableRendererTest {
    @Test
    void alignsColumns() {
        String out = TableRenderer.render(new Table("A", "LONGER").row("xyz", 1).row("a", "two"), 80);
        assertThat(out).isEqualTo("A    LONGER\nxyz  1\na    two\n");
    }

    @Test
    void cutsTheWidestColumnToFitTheWidth() {
        String out = TableRenderer.render(new Table("ID", "SUMMARY").row("t1", "x".repeat(200)), 40);
        assertThat(out.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
        assertThat(out).contains("…");
    }

    @Test
    void neverCutsTheIdentifierColumn() {
        String id = "helpdesk-tickets:listComments";
        String out = TableRenderer.render(new Table("ID", "COMMAND", "SUMMARY")
                .row(id, "helpdesk-tickets comments list-comments", "List the comments of a ticket"), 60);
        assertThat(out).contains(id);
        assertThat(out.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(60));
    }

    @Test
    void unlimitedWidthCutsNothing() {
        String out = TableRenderer.render(new Table("ID", "SUMMARY").row("t1", "x".repeat(500)), Integer.MAX_VALUE);
        assertThat(out).contains("x".repeat(500)).doesNotContain("…");
    }

    @Test
    void cellsCannotSendTerminalControls() {
        // an audit record's toolId is the caller's text: ESC sequences, BEL and C1 controls must not reach the terminal
        String out = TableRenderer.render(new Table("SEQ", "TOOL")
                .row("1", "a\u0001\u001b[31mred\u001b]0;pwned\u0007\u009bx\ny"), 80);
        assertThat(out).isEqualTo("SEQ  TOOL\n1    a??[31mred?]0;pwned??x y\n");
    }
}
