package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencli.cli.runtime.CliSessionIdAccess;

class CliSessionIdTest {
    @Test
    void anExplicitSafeSessionIdWins() {
        assertThat(CliSessionIdAccess.of("agent-run:42", ProcessHandle.current())).isEqualTo("agent-run:42");
    }

    @Test
    void anUnsafeExplicitValueIsIgnoredForTheParentDerivedId() {
        String derived = CliSessionIdAccess.of("bad value\r\nX-Evil: 1", ProcessHandle.current());
        assertThat(derived).startsWith("term-").hasSize(21).doesNotContain(String.valueOf(ProcessHandle.current().pid()));
    }

    @Test
    void theSameParentGivesTheSameIdAndAnotherParentAnother() {
        ProcessHandle self = ProcessHandle.current();
        assertThat(CliSessionIdAccess.of(null, self)).isEqualTo(CliSessionIdAccess.of(null, self));
        ProcessHandle parent = self.parent().orElseThrow();
        assertThat(CliSessionIdAccess.of(null, parent)).isNotEqualTo(CliSessionIdAccess.of(null, self));
    }
}
