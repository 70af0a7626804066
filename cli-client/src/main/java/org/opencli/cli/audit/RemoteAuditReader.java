package org.opencli.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.runtime.HttpRuntimeClient;
import org.opencli.cli.runtime.ProblemException;
import org.opencli.core.audit.AuditFilter;
import org.opencli.core.json.Json;

/**
 * A daemon's trail over {@code GET /v1/audit/events} and {@code GET /v1/audit/stream} (SSE). A
 * dropped stream is reopened with {@code Last-Event-ID} = the last seq received, so nothing is
 * missed or repeated; refusals (401, 403, a bad filter) end following with the runtime's problem.
 */
public final class RemoteAuditReader implements AuditReader {
    private static final long FIRST_BACKOFF_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 5000;

    private final HttpRuntimeClient client;

    public RemoteAuditReader(HttpRuntimeClient client) {
        this.client = client;
    }

    @Override
    public JsonNode page(AuditFilter ignored, Map<String, String> query, Long cursor, Integer limit, boolean descending) {
        Map<String, String> q = new LinkedHashMap<>(query);
        if (cursor != null) q.put("cursor", String.valueOf(cursor));
        if (limit != null) q.put("limit", String.valueOf(limit));
        q.put("order", descending ? "desc" : "asc");
        return client.auditEvents(q);
    }

    @Override
    public void follow(AuditFilter ignored, Map<String, String> query, long afterSeq, FollowListener listener) {
        long[] last = {afterSeq};
        boolean[] stop = {false};
        boolean everConnected = false;
        long backoff = FIRST_BACKOFF_MILLIS;
        while (true) {
            String why;
            try (Stream<String> lines = client.auditStream(query, String.valueOf(last[0]))) {
                everConnected = true;
                long before = last[0];
                SseParser parser = new SseParser(event -> {
                    if (stop[0]) return;
                    if (!dispatch(event, listener)) stop[0] = true;
                    if (event.id() != null && !event.id().isBlank()) last[0] = Long.parseLong(event.id().trim());
                });
                Iterator<String> it = lines.iterator();
                while (!stop[0] && it.hasNext()) parser.line(it.next());
                if (stop[0]) return;
                why = "the runtime closed the stream";
                if (last[0] != before) backoff = FIRST_BACKOFF_MILLIS;
            } catch (ProblemException refused) {
                throw refused;
            } catch (CliException e) {
                if (e.exitCode() != ExitCodes.UNREACHABLE || !everConnected) throw e;
                why = e.problem().detail();
            } catch (UncheckedIOException e) {
                why = "connection lost (" + e.getCause().getMessage() + ")";
            }
            listener.reconnecting(why, last[0]);
            try {
                Thread.sleep(backoff); // reconnect backoff, doubling up to MAX_BACKOFF_MILLIS
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private static boolean dispatch(SseEvent event, FollowListener listener) {
        try {
            JsonNode data = Json.MAPPER.readTree(event.data());
            if ("gap".equals(event.name())) return listener.gap(data.path("fromSeq").asLong(), data.path("toSeq").asLong());
            return listener.record(data);
        } catch (IOException e) {
            throw new CliException(ExitCodes.INTERNAL, "bad_runtime_response", "Bad runtime response",
                    "the runtime's audit stream sent an event that is not JSON");
        }
    }
}
