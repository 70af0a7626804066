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
}
