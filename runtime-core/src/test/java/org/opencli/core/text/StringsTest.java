package org.opencli.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class StringsTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void blankMeansAbsent() {
        assertThat(Strings.blankToNull(null)).isNull();
        assertThat(Strings.blankToNull("")).isNull();
        assertThat(Strings.blankToNull(" \t\n")).isNull();
        assertThat(Strings.blankToNull(" a ")).isEqualTo(" a ");
        assertThat(Strings.trimToNull(" \t")).isNull();
        assertThat(Strings.trimToNull(" a b ")).isEqualTo("a b");
    }

    @Test
    void onlyNonBlankJsonStringsHaveText() {
        assertThat(Strings.textOrNull(JSON.textNode("x"))).isEqualTo("x");
        assertThat(Strings.textOrNull(JSON.textNode("  "))).isNull();
        assertThat(Strings.textOrNull(JSON.numberNode(3))).isNull();
        assertThat(Strings.textOrNull(JSON.nullNode())).isNull();
        assertThat(Strings.textOrNull(JSON.objectNode().path("missing"))).isNull();
        assertThat(Strings.textOrNull(null)).isNull();
    }
}
