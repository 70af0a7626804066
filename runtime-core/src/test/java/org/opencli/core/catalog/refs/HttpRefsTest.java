package org.opencli.core.catalog.refs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.catalog.CatalogBuild;
import org.opencli.core.catalog.Fetch;
import org.opencli.core.catalog.Tool;
import org.opencli.core.discovery.DocumentDependency;

/** The multi-file fixture served over HTTP: relative refs resolve against URLs and go through the cache. */
class HttpRefsTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private String base;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/spec/", exchange -> {
            String rel = exchange.getRequestURI().getPath().substring("/spec/".length());
            hits.computeIfAbsent(rel, k -> new AtomicInteger()).incrementAndGet();
            Path file = MultiFile.FIXTURE.resolve(rel).normalize();
            byte[] body = file.startsWith(MultiFile.FIXTURE) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            exchange.getResponseHeaders().add("Content-Type", "application/yaml");
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/spec/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void remoteRefsResolveAgainstTheReferringUrlAndAreCached() {
        List<String> files = List.of("openapi.yaml", "paths/tickets.yaml", "common.yaml", "schemas/ticket.yaml",
                "schemas/status.yaml", "schemas/node.yaml", "schemas/edge.yaml");
        CatalogBuild first = MultiFile.build(dir, base + "openapi.yaml");

        assertThat(first.catalog().tools()).extracting(Tool::id).contains("helpdesk:listTickets", "helpdesk:createTicket");
        assertThat(first.catalog().sources().get(0).provenance().fetches())
                .extracting(Fetch::url, Fetch::cacheOutcome)
                .containsExactlyInAnyOrderElementsOf(files.stream()
                        .map(f -> org.assertj.core.groups.Tuple.tuple(base + f, "miss")).toList());
        assertThat(first.dependencies()).extracting(DocumentDependency::location)
                .containsExactlyInAnyOrderElementsOf(files.stream().map(f -> base + f).toList());
        assertThat(hits.keySet()).containsExactlyInAnyOrderElementsOf(files);
        assertThat(hits.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));

        CatalogBuild second = MultiFile.build(dir, base + "openapi.yaml");
        assertThat(second.catalog().sources().get(0).provenance().fetches())
                .extracting(Fetch::cacheOutcome).containsOnly("fresh_hit");
        assertThat(hits.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(second.catalog().tools()).isEqualTo(first.catalog().tools());
    }
}
