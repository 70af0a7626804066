package org.opencli.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * {@code ocli audit tail} prints each record as one line, outside the table renderer: a record's
 * tool id is what a caller sent (records written before the runtime bounded it hold it whole) and
 * must not reach the terminal as escape sequences.
 */
class AuditRowsTest {
    @Test
    void aStreamedLineShowsControlCharactersAsQuestionMarks() {
        ObjectNode record = JsonNodeFactory.instance.objectNode().put("seq", 7).put("eventType", "tool_execution")
                .put("toolId", "x\u001b]0;pwned\u0007\u001b[2J\r\nnext").put("principal", "al\u009bice").put("requestId", "r-1");
        String line = AuditRows.line(record);
        assertThat(line).contains("x?]0;pwned??[2J??next", "al?ice", "r-1").doesNotContain("\u001b", "\u0007", "\r",
                "\n", "\u009b");
    }
}
