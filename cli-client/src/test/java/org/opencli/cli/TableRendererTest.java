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
}
