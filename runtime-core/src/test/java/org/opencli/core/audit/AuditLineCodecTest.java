package org.opencli.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencli.core.json.Json;

/**
 * The writer's fast path renders exactly what Jackson renders: the body written on the appender's
 * thread ({@link AuditJson}) and the line the writer appends seq and prevHash to; the hash the
 * appender starts and the writer finishes is the hash of that line.
 */
class AuditLineCodecTest {
    private static final String HASH = "ab".repeat(32);

    @Test
    void everyComponentRendersLikeJackson() throws Exception {
        // all components set: a component added to AuditRecord but not to AuditJson fails here
        RecordComponent[] components = AuditRecord.class.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> type = components[i].getType();
            if (type == String.class) values[i] = components[i].getName() + "-value";
            else if (type == Long.class) values[i] = 1_000_000_000_000L + i;
            else if (type == Integer.class) values[i] = -i;
            else if (type == List.class) values[i] = List.of(components[i].getName() + "-0", "quote \" one");
            else throw new AssertionError("unexpected component type " + type + " of " + components[i].getName());
        }
        AuditRecord all = (AuditRecord) AuditRecord.class.getDeclaredConstructor(
                java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new)).newInstance(values);
        assertSame(all);
        assertSame(all.withoutChain());
    }

    @Test
    void stringsNeedingEscapesOrUtf8RenderLikeJackson() {
        List<String> tricky = List.of("quote \" and backslash \\ and slash /", "tab\tnewline\nreturn\r", "nul \u0000 bell \u0007 del \u007f",
                "caf\u00e9 \u4e2d\u6587 \ud83d\ude80", "\u2028 separators \u2029", "", "{\"json\":\"inside\"}");
        for (String s : tricky) {
            assertSame(AuditRecord.event("2026-01-01T00:00:00Z", AuditRecord.TOOL_EXECUTION).withCaller(s, null, null, "r")
                    .withDetail(s));
        }
        assertSame(AuditRecord.event(null, null));
    }

    @Test
    void theSplicedLineIsJacksonsLineOfTheStampedRecord() {
        AuditLineCodec codec = new AuditLineCodec();
        byte[] hash = HASH.getBytes(StandardCharsets.US_ASCII);
        List<AuditRecord> records = List.of(
                AuditTesting.record(7).withInstanceId("inst"),
                AuditRecord.event("2026-01-01T00:00:00Z", AuditRecord.AUDIT_RECOVERED).withDetail("caf\u00e9 \"cut\""),
                AuditRecord.event(null, null)); // no field but the chain's: "{}" as body
        for (AuditRecord r : records) {
            for (long seq : new long[] {1, 9, 10, 12345, Long.MAX_VALUE}) {
                byte[] line = codec.line(AuditLineCodec.body(r), seq, hash);
                String expected = Json.write(r.withChain(seq, HASH));
                assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo(expected);
                assertThat(new String(codec.hash(line), StandardCharsets.US_ASCII)).isEqualTo(AuditChain.hash(expected));
                // the writer's path: the appender hashed the body's prefix, the writer finishes from there
                byte[] body = AuditLineCodec.body(r);
                byte[] padded = new byte[line.length + 5];
                System.arraycopy(line, 0, padded, 3, line.length);
                byte[] finished = codec.finish(AuditLineCodec.prehash(body), padded, 3, line.length, AuditLineCodec.prefixLength(body));
                assertThat(new String(finished, StandardCharsets.US_ASCII)).isEqualTo(AuditChain.hash(expected));
            }
        }
        // chain fields already set by a caller are replaced, not duplicated
        byte[] restamped = codec.line(AuditLineCodec.body(records.get(0).withChain(99, "ff".repeat(32))), 3, hash);
        assertThat(new String(restamped, StandardCharsets.UTF_8)).isEqualTo(Json.write(records.get(0).withChain(3, HASH)));
    }

    @Test
    void repeatedFieldValuesRenderLikeJacksonFromTheFieldCache() {
        // the same String instances in a row are copied from the per-field cache: it must never serve a stale value
        String tool = "svc:tool \"quoted\" \\ path";
        String unicode = "caf\u00e9";
        String profile = "ci-agent";
        for (int i = 0; i < 4; i++) {
            AuditRecord r = AuditRecord.event("2026-01-01T00:00:0" + i + "Z", AuditRecord.TOOL_EXECUTION)
                    .withCaller("alice", null, null, "req-" + i)
                    .withTool(profile, tool, "svc")
                    .withDecision("allow", "ok", null);
            assertSame(r);
            assertSame(r.withDetail(unicode)); // not printable ASCII: Jackson renders it, cached or not
            assertSame(r.withTool(profile, "svc:other", "svc")); // a new value for a cached field
            assertSame(r.withTool(null, tool, "svc")); // a cached field left out
        }
    }

    private static void assertSame(AuditRecord r) {
        assertThat(new String(AuditJson.write(r), StandardCharsets.UTF_8)).isEqualTo(Json.write(r));
    }
}
