package org.opencli.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencli.core.catalog.openapi.Names;

class NamesTest {
    @Test
    void kebabCase() {
        assertThat(Names.kebab("listTickets")).isEqualTo("list-tickets");
        assertThat(Names.kebab("getHTTPStatus")).isEqualTo("get-http-status");
        assertThat(Names.kebab("per_page")).isEqualTo("per-page");
        assertThat(Names.kebab("X-Request-ID")).isEqualTo("x-request-id");
        assertThat(Names.kebab("repos/list-for-org")).isEqualTo("repos-list-for-org");
        assertThat(Names.kebab("v2Items")).isEqualTo("v2-items");
    }

    @Test
    void slug() {
        assertThat(Names.slug("Example Tickets API")).isEqualTo("example-tickets-api");
        assertThat(Names.slug("  --GitHub v3 REST API-- ")).isEqualTo("github-v3-rest-api");
    }

    @Test
    void authorChosenWordsStayWhenTypableElseBecomeSlugs() {
        assertThat(Names.word("editItem")).isEqualTo("editItem");
        assertThat(Names.word("v2.beta_x")).isEqualTo("v2.beta_x");
        assertThat(Names.word("Org Members")).isEqualTo("org-members");
        assertThat(Names.word("repos/get")).isEqualTo("repos-get");
        assertThat(Names.word("-x")).isEqualTo("x");
        assertThat(Names.word("??")).isEmpty();
    }
}
