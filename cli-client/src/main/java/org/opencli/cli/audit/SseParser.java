package org.opencli.cli.audit;

import java.util.function.Consumer;

/**
 * Turns the lines of a {@code text/event-stream} into events (WHATWG HTML "server-sent events"):
 * {@code field: value} lines, multi-line data joined with newlines, a blank line dispatches,
 * comments ({@code :} lines) are ignored.
 */
public final class SseParser {
    private final Consumer<SseEvent> sink;
    private String id;
    private String name;
    private StringBuilder data;

    public SseParser(Consumer<SseEvent> sink) {
        this.sink = sink;
    }

    public void line(String line) {
        if (line.isEmpty()) {
            if (data != null) sink.accept(new SseEvent(id, name == null ? "message" : name, data.toString()));
            id = null;
            name = null;
            data = null;
            return;
        }
        if (line.startsWith(":")) return;
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) value = value.substring(1);
        switch (field) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" -> {
                if (data == null) data = new StringBuilder();
                else data.append('\n');
                data.append(value);
            }
            default -> {
                // retry and unknown fields: nothing to do
            }
        }
    }
}
