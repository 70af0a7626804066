package org.opencli.fleet.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * /api/tickets: list (status filter, limit + cursor pagination with a Link header), create, read,
 * replace (PUT), merge (PATCH), delete, and a form-encoded search.
 */
final class TicketsHandler extends Routed {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    private static final Set<String> STATUSES = Set.of("open", "closed");

    private final TicketStore store;

    TicketsHandler(TicketStore store) {
        this.store = store;
    }

    @Override
    void route(HttpExchange exchange) throws IOException {
        String sub = Exchanges.subPath(exchange);
        String method = exchange.getRequestMethod();
        if (sub.isEmpty()) {
            switch (method) {
                case "GET" -> list(exchange);
                case "POST" -> create(exchange);
                default -> Exchanges.methodNotAllowed(exchange, "GET, POST");
            }
        } else if (sub.equals("/search")) {
            if (method.equals("POST")) search(exchange);
            else Exchanges.methodNotAllowed(exchange, "POST");
        } else if (sub.indexOf('/', 1) < 0) {
            item(exchange, sub.substring(1));
        } else {
            Exchanges.notFound(exchange);
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, List<String>> query = Exchanges.query(exchange);
        String status = Exchanges.first(query, "status");
        if (status != null && !STATUSES.contains(status)) throw new Exchanges.BadRequest("status must be open or closed");
        int limit = Exchanges.intParam(query, "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) throw new Exchanges.BadRequest("limit must be between 1 and " + MAX_LIMIT);
        long after = cursor(Exchanges.first(query, "cursor"));

        TicketStore.Page page = store.page(withStatus(status), after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(TicketStore.Ticket::json).toList());
        String nextCursor = page.nextAfter() == null ? null : String.valueOf(page.nextAfter());
        body.put("nextCursor", nextCursor);
        if (nextCursor != null) {
            // Absolute, like most real APIs, so a client can follow it without knowing the base URL.
            String next = "http://" + exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI().getPath()
                    + "?limit=" + limit + "&cursor=" + nextCursor + (status == null ? "" : "&status=" + status);
            exchange.getResponseHeaders().set("Link", "<" + next + ">; rel=\"next\"");
        }
        Exchanges.json(exchange, 200, body);
    }

    private static long cursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) return 0;
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new Exchanges.BadRequest("cursor '" + cursor + "' was not issued by this server");
        }
    }

    private static Predicate<TicketStore.Ticket> withStatus(String status) {
        return ticket -> status == null || ticket.status().equals(status);
    }

    private void create(HttpExchange exchange) throws IOException {
        JsonNode body = jsonObject(exchange);
        String title = requiredTitle(body);
        TicketStore.Ticket ticket = store.create(title, text(body, "priority", "normal"), status(body, "open"));
        exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getPath() + "/" + ticket.id());
        Exchanges.json(exchange, 201, ticket.json());
    }

    private void item(HttpExchange exchange, String rawId) throws IOException {
        long id;
        try {
            id = Long.parseLong(rawId);
        } catch (NumberFormatException e) {
            Exchanges.problem(exchange, 404, "Not Found", "no ticket " + rawId);
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET" -> found(exchange, rawId, store.get(id).orElse(null));
            case "PUT" -> {
                JsonNode body = jsonObject(exchange);
                TicketStore.Ticket replacement = new TicketStore.Ticket(id, requiredTitle(body),
                        text(body, "priority", "normal"), status(body, "open"));
                found(exchange, rawId, store.replace(replacement).orElse(null));
            }
            case "PATCH" -> {
                JsonNode body = jsonObject(exchange);
                TicketStore.Ticket current = store.get(id).orElse(null);
                if (current == null) {
                    found(exchange, rawId, null);
                    return;
                }
                if (body.has("title") && text(body, "title", "").isBlank()) throw new Exchanges.BadRequest("title must not be empty");
                TicketStore.Ticket merged = new TicketStore.Ticket(id, text(body, "title", current.title()),
                        text(body, "priority", current.priority()), status(body, current.status()));
                found(exchange, rawId, store.replace(merged).orElse(null));
            }
            case "DELETE" -> {
                if (store.delete(id)) Exchanges.noContent(exchange);
                else found(exchange, rawId, null);
            }
            default -> Exchanges.methodNotAllowed(exchange, "GET, PUT, PATCH, DELETE");
        }
    }

    private static void found(HttpExchange exchange, String rawId, TicketStore.Ticket ticket) throws IOException {
        if (ticket == null) Exchanges.problem(exchange, 404, "Not Found", "no ticket " + rawId);
        else Exchanges.json(exchange, 200, ticket.json());
    }

    private void search(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            Exchanges.problem(exchange, 415, "Unsupported Media Type", "send application/x-www-form-urlencoded");
            return;
        }
        Map<String, List<String>> form = Exchanges.params(new String(Exchanges.body(exchange), StandardCharsets.UTF_8));
        String q = Exchanges.first(form, "q");
        String needle = q == null ? "" : q.toLowerCase(Locale.ROOT);
        String status = Exchanges.first(form, "status");
        List<Map<String, Object>> items = store
                .all(withStatus(status).and(t -> t.title().toLowerCase(Locale.ROOT).contains(needle)))
                .stream().map(TicketStore.Ticket::json).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", form);
        body.put("items", items);
        Exchanges.json(exchange, 200, body);
    }

    private static JsonNode jsonObject(HttpExchange exchange) throws IOException {
        byte[] raw = Exchanges.body(exchange);
        if (raw.length == 0) throw new Exchanges.BadRequest("a JSON object body is required");
        JsonNode body = Exchanges.JSON.readTree(raw);
        if (body == null || !body.isObject()) throw new Exchanges.BadRequest("the body must be a JSON object");
        return body;
    }

    private static String requiredTitle(JsonNode body) {
        String title = text(body, "title", null);
        if (title == null || title.isBlank()) throw new Exchanges.BadRequest("title is required");
        return title;
    }

    private static String status(JsonNode body, String fallback) {
        String status = text(body, "status", fallback);
        if (!STATUSES.contains(status)) throw new Exchanges.BadRequest("status must be open or closed");
        return status;
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) return fallback;
        if (!value.isTextual()) throw new Exchanges.BadRequest(field + " must be a string");
        return value.asText();
    }
}
