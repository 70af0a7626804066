package org.opencli.core.mcpserver;

import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard input as the SDK's stdio transport reads it: only the lines that are JSON-RPC messages, each
 * shorter than the SDK's own bound. The SDK stops reading for good at the first line it cannot take
 * (found by probing: one junk or oversized line left {@code ocli mcp serve} answering nothing and never
 * ending), so such a line is dropped here, with a note on standard error naming its number only.
 */
final class JsonRpcLines extends InputStream {
    /** Below the SDK's 16 MiB input bound. */
    static final int MAX_LINE = 16 * 1024 * 1024 - 1;
    private final InputStream in;
    private byte[] line = new byte[0];
    private int pos;
    private long number;
    private boolean ended;

    JsonRpcLines(InputStream in) {
        this.in = new BufferedInputStream(in);
    }

    @Override
    public int read() throws IOException {
        return fill() ? line[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, line.length - pos);
        System.arraycopy(line, pos, b, off, n);
        pos += n;
        return n;
    }

    /** True once a message line is ready; false at the end of input. */
    private boolean fill() throws IOException {
        while (pos >= line.length) {
            if (ended) return false;
            ByteArrayOutputStream next = new ByteArrayOutputStream();
            boolean tooLong = false;
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (next.size() < MAX_LINE) next.write(c);
                else tooLong = true;
            }
            if (c == -1) ended = true;
            if (next.size() == 0 && !tooLong) continue;
            number++;
            String text = next.toString(StandardCharsets.UTF_8);
            if (tooLong) {
                dropped("longer than " + MAX_LINE + " bytes");
            } else if (!text.isBlank() && !isMessage(text)) {
                dropped("no JSON-RPC message");
            } else if (!text.isBlank()) {
                next.write('\n');
                line = next.toByteArray();
                pos = 0;
            }
        }
        return true;
    }

    /** Standard error is the stdio server's log (standard output carries only JSON-RPC). */
    private void dropped(String why) {
        System.err.println("mcp serve: ignored line " + number + " of standard input: " + why);
    }

    private static boolean isMessage(String text) {
        try {
            return McpSchema.deserializeJsonRpcMessage(McpServerSetup.JSON, text) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
