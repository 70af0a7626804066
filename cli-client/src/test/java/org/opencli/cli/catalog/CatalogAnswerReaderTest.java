package org.opencli.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencli.core.json.Json;

/** Reading a catalog answer for commands keeps the view and the services, and leaves out the rest of the tools. */
class CatalogAnswerReaderTest {
    private static final String ANSWER = """
            {"catalog":{"catalogVersion":"1.0.0","services":[{"id":"hd","alias":"help"}],
              "tools":[{"id":"hd:a"},{"id":"hd:b"}],"workflows":[{"workflowId":"w"}],
              "effectiveViews":[{"name":"discover","tools":[{"id":"hd:a"},{"id":"hd:b"}]}]},
             "view":{"name":"discover","mode":"discover","tools":[{"id":"hd:a","serviceId":"hd","group":"tickets","command":"get-a","flags":[{"name":"tools"}]}]}}
            """;

    @Test
    void keepsTheViewAndServicesAndSkipsTheCatalogsToolLists() throws IOException {
        JsonNode answer = CatalogAnswerReader.forCommands(bytes(ANSWER));
        assertThat(answer.path("catalog").has("tools")).isFalse();
        assertThat(answer.path("catalog").has("effectiveViews")).isFalse();
        assertThat(answer.path("catalog").path("services").get(0).path("alias").asText()).isEqualTo("help");
        assertThat(answer.path("catalog").path("workflows")).hasSize(1);
        assertThat(answer.path("view")).isEqualTo(Json.MAPPER.readTree(ANSWER).path("view"));
        CatalogView view = new CatalogView(answer, false);
        assertThat(view.whole()).isFalse();
        assertThat(view.commandPath(view.tool("hd:a"))).isEqualTo("help tickets get-a");
    }

    @Test
    void anAnswerThatIsNoObjectIsReadAsItIs() throws IOException {
        assertThat(CatalogAnswerReader.forCommands(bytes("[1,2]"))).isEqualTo(Json.MAPPER.readTree("[1,2]"));
    }

    @Test
    void brokenJsonIsAnError() {
        assertThatThrownBy(() -> CatalogAnswerReader.forCommands(bytes("{\"catalog\":{\"tools\":[")))
                .isInstanceOf(IOException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
