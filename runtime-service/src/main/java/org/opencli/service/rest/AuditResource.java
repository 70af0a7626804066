package org.opencli.service.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.opencli.core.audit.AuditFeed;
import org.opencli.core.audit.AuditFeedEvent;
import org.opencli.core.audit.AuditFilter;
import org.opencli.core.audit.AuditPage;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.audit.AuditSubscription;
import org.opencli.core.audit.DurableAuditLog;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.json.Json;
import org.opencli.service.audit.AuditQueryParams;

/**
 * {@code GET /v1/audit/events} (filtered, paged reads of the audit trail, JSON or NDJSON) and
 * {@code GET /v1/audit/stream} (Server-Sent Events of new records, resumable with Last-Event-ID).
 */
@Path("/v1/audit")
public class AuditResource {
    public static final String NDJSON = "application/x-ndjson";

    @Inject
    RuntimeEngine engine;

    @GET
    @Path("/events")
    @Produces({MediaType.APPLICATION_JSON, NDJSON})
    @Blocking // reads (possibly gzipped) files: a worker thread, never the event loop
    @Operation(summary = "Query audit records")
    @APIResponses({@APIResponse(responseCode = "200", description = "{events[], nextCursor} or NDJSON with X-Next-Cursor", content = @Content(mediaType = MediaType.APPLICATION_JSON)), @APIResponse(responseCode = "400", ref = "BadRequest")})
    public Response events(@QueryParam("since") String since, @QueryParam("until") String until,
                           @QueryParam("eventType") String eventType, @QueryParam("decision") String decision,
                           @QueryParam("toolId") String toolId, @QueryParam("principal") String principal,
                           @QueryParam("requestId") String requestId, @QueryParam("cursor") String cursor,
                           @QueryParam("limit") String limit, @QueryParam("order") String order,
                           @HeaderParam("Accept") String accept) {
        AuditQueryParams params = AuditQueryParams.of(
                AuditQueryParams.filter(since, until, eventType, decision, toolId, principal, requestId), cursor, limit, order);
        DurableAuditLog log = engine.auditLog();
        AuditPage page = log.query().page(params.filter(), params.cursor(), params.limit(), params.descending());
        if (accept != null && accept.contains(NDJSON)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (AuditRecord r : page.events()) {
                out.writeBytes(Json.writeBytes(r));
                out.write('\n');
            }
            Response.ResponseBuilder ok = Response.ok(out.toByteArray(), NDJSON);
            if (page.nextCursor() != null) ok.header("X-Next-Cursor", page.nextCursor());
            return ok.build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.events());
        body.put("nextCursor", page.nextCursor());
        return JsonBodies.ok(body);
    }

    /**
     * New records as they are committed (event {@code audit}, id = seq). With {@code Last-Event-ID}
     * the stream first replays the matching records after that seq. A client that reads too slowly
     * gets one {@code gap} event ({@code fromSeq}, {@code toSeq}) instead of slowing executions.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @NonBlocking // subscribing is in memory; the items come from blocking reads, on the worker pool (the rule's named exception)
    @Operation(summary = "Newly committed audit records as server-sent events")
    @APIResponses({@APIResponse(responseCode = "200", description = "event audit (id = seq) or gap", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS)), @APIResponse(responseCode = "400", ref = "BadRequest")})
    public Multi<OutboundSseEvent> stream(@Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId,
                                          @QueryParam("since") String since, @QueryParam("until") String until,
                                          @QueryParam("eventType") String eventType, @QueryParam("decision") String decision,
                                          @QueryParam("toolId") String toolId, @QueryParam("principal") String principal,
                                          @QueryParam("requestId") String requestId) {
        AuditFilter filter = AuditQueryParams.filter(since, until, eventType, decision, toolId, principal, requestId);
        DurableAuditLog log = engine.auditLog();
        long after = lastEventId == null || lastEventId.isBlank() ? log.feed().committedSeq()
                : AuditQueryParams.seq("Last-Event-ID", lastEventId, "the id (seq) of the last event received");
        var workers = Infrastructure.getDefaultWorkerPool();
        AuditSubscription subscription = log.feed().subscribe(filter, after, AuditFeed.DEFAULT_BUFFER, workers);
        // pull one event per downstream request: a stalled client stops pulling and its buffer overflows into a gap
        return Multi.createBy().repeating()
                .uni(() -> Uni.createFrom().completionStage(subscription::next).runSubscriptionOn(workers))
                .indefinitely()
                .map(event -> toSse(sse, event))
                .onTermination().invoke(subscription::close);
    }

    private static OutboundSseEvent toSse(Sse sse, AuditFeedEvent event) {
        Object data = event.isGap() ? Map.of("fromSeq", event.fromSeq(), "toSeq", event.toSeq()) : event.record();
        return sse.newEventBuilder()
                .id(String.valueOf(event.seq()))
                .name(event.isGap() ? "gap" : "audit")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, Json.write(data))
                .build();
    }
}
