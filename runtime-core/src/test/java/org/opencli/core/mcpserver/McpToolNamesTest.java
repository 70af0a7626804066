package org.opencli.core.mcpserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MCP names for tool ids: readable, within what agent hosts accept, unique, and the same every time. */
class McpToolNamesTest {
    private static final String ALLOWED = "[A-Za-z0-9_-]{1,64}";

    @Test
    void colonsBecomeDoubleUnderscoresAndOtherCharactersUnderscores() {
        Map<String, String> names = McpToolNames.assign(List.of("helpdesk:getTicket", "api:GET:/tickets/{id}", "shop:list.items"));
        assertThat(names).containsEntry("helpdesk__getTicket", "helpdesk:getTicket")
                .containsEntry("api__GET___tickets__id_", "api:GET:/tickets/{id}")
                .containsEntry("shop__list_items", "shop:list.items");
    }

    @Test
    void longAndCollidingIdsGetDistinctHashedNamesWithinTheLimit() {
        String longId = "svc:" + "a".repeat(100);
        List<String> ids = List.of(longId, "svc:x.y", "svc:x_y", "svc:x/y");
        Map<String, String> names = McpToolNames.assign(ids);
        assertThat(names).hasSize(4);
        assertThat(names.values()).containsExactlyElementsOf(ids);
        names.keySet().forEach(name -> assertThat(name).matches(ALLOWED));
        assertThat(names).containsEntry("svc__x_y", "svc:x.y");
        assertThat(names.keySet()).filteredOn(n -> n.startsWith("svc__x_y_")).hasSize(2);
        assertThat(McpToolNames.assign(ids)).isEqualTo(names);
    }
}
