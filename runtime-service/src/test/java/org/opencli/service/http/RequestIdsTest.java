package org.opencli.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void aMintedIdIsAVersion4UuidAndIdsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.requestId(null);
            UUID parsed = UUID.fromString(id);
            assertEquals(4, parsed.version(), id);
            assertEquals(2, parsed.variant(), id);
            assertEquals(id, parsed.toString());
            assertTrue(seen.add(id), "repeated " + id);
        }
    }

    @Test
    void aSafeOfferedIdIsKeptAndAnUnsafeOneReplaced() {
        assertEquals("ci-run.42:step_3", RequestIds.requestId("ci-run.42:step_3"));
        String replaced = RequestIds.requestId("two words");
        assertEquals(4, UUID.fromString(replaced).version());
        assertEquals(4, UUID.fromString(RequestIds.requestId("x".repeat(129))).version());
    }
}
