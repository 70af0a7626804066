package org.opencli.cli.audit;

/** One Server-Sent Event: its {@code id}, {@code event} name ({@code message} when absent) and {@code data}. */
public record SseEvent(String id, String name, String data) {
}
