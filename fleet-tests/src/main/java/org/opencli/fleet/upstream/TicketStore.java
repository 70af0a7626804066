package org.opencli.fleet.upstream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** In-memory tickets keyed by a growing numeric id; ids are never reused, so cursors stay valid. */
final class TicketStore {

    record Ticket(long id, String title, String priority, String status) {
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", String.valueOf(id));
            json.put("title", title);
            json.put("priority", priority);
            json.put("status", status);
            return json;
        }
    }

    record Page(List<Ticket> items, Long nextAfter) {
    }

    private final TreeMap<Long, Ticket> tickets = new TreeMap<>();
    private long lastId;

    synchronized Ticket create(String title, String priority, String status) {
        Ticket ticket = new Ticket(++lastId, title, priority, status);
        tickets.put(ticket.id(), ticket);
        return ticket;
    }

    synchronized Optional<Ticket> get(long id) {
        return Optional.ofNullable(tickets.get(id));
    }

    /** Replaces a ticket that exists; empty when it does not. */
    synchronized Optional<Ticket> replace(Ticket ticket) {
        if (!tickets.containsKey(ticket.id())) return Optional.empty();
        tickets.put(ticket.id(), ticket);
        return Optional.of(ticket);
    }

    synchronized boolean delete(long id) {
        return tickets.remove(id) != null;
    }

    /** Up to {@code limit} matching tickets with an id above {@code after}, and where the next page starts. */
    synchronized Page page(Predicate<Ticket> filter, long after, int limit) {
        List<Ticket> items = new ArrayList<>();
        for (Ticket ticket : tickets.tailMap(after, false).values()) {
            if (!filter.test(ticket)) continue;
            if (items.size() == limit) return new Page(items, items.get(items.size() - 1).id());
            items.add(ticket);
        }
        return new Page(items, null);
    }

    synchronized List<Ticket> all(Predicate<Ticket> filter) {
        return tickets.values().stream().filter(filter).toList();
    }

    synchronized void clear() {
        tickets.clear();
        lastId = 0;
    }
}
