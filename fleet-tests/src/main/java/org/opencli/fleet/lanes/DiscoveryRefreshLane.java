package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.CatalogJson;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.Terminal;

/**
 * Discovery through a real publisher (RFC 9727 API catalog → two RFC 8631 service roots → OpenAPI
 * and metadata, plus a third service root as its own source), served by oclird, refreshed by a real
 * ocli from its own directory and HOME: miss, fresh_hit, revalidated_hit, refreshed (a new tool
 * shows), the publisher's Cache-Control against refresh.maxAgeSeconds, progress per source on a
 * terminal while a slow source is still being read, and stale_hit with its reason while the stale
 * catalog is still served when the publisher is down.
 */
public final class DiscoveryRefreshLane implements Lane {
    private static final int FLEET_MAX_AGE = 3600;
    private static final int VETS_MAX_AGE = 600;

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (DiscoveryPublisher publisher = new DiscoveryPublisher()) {
            publish(publisher, List.of("listPets"));
            Path daemonDir = Files.createDirectories(ctx.workDir().resolve("daemon"));
            Path config = daemonDir.resolve(".cli.json");
            Files.writeString(config, """
                    {"cli":"1","mode":{"default":"discover"},
                     "sources":{
                       "fleet":{"type":"apiCatalog","uri":"%s","refresh":{"maxAgeSeconds":%d}},
                       "vets":{"type":"serviceRoot","uri":"%s","refresh":{"maxAgeSeconds":%d}}}}"""
                    .formatted(publisher.url("/.well-known/api-catalog"), FLEET_MAX_AGE, publisher.url("/vets"), VETS_MAX_AGE));
            Daemon daemon = ctx.startDaemon("fleet-refresh", "--config", config.toString());
            Path clientDir = Files.createDirectories(ctx.workDir().resolve("client"));
            Path clientHome = Files.createDirectories(ctx.workDir().resolve("client-home"));
            Map<String, String> clientEnv = Map.of("HOME", clientHome.toString(),
                    "XDG_CONFIG_HOME", clientHome.resolve(".config").toString());
            Ocli ocli = args -> {
                List<String> all = new ArrayList<>(List.of("--runtime", daemon.url()));
                all.addAll(List.of(args));
                return ctx.ocliIn(clientDir, clientEnv, all.toArray(String[]::new));
            };

            // 1. First refresh: nothing cached.
            ProcResult first = ocli.run("refresh", "--format", "json");
            JsonNode r1 = json(ctx, first);
            ctx.artifact("refresh-1-miss.json", first.stdout());
            ctx.check("first refresh exits 0 and rebuilds the catalog", first.exitCode() == 0 && r1.path("catalogRebuilt").asBoolean(),
                    "exit " + first.exitCode());
            ctx.check("first refresh: every source is a miss, forced",
                    "miss".equals(outcome(r1, "fleet")) && "miss".equals(outcome(r1, "vets"))
                            && source(r1, "fleet").path("forced").asBoolean() && source(r1, "vets").path("forced").asBoolean(),
                    "fleet " + outcome(r1, "fleet") + ", vets " + outcome(r1, "vets"));
            boolean walked = true;
            for (String doc : List.of("/.well-known/api-catalog", "/pets", "/pets/meta", "/pets/openapi.json", "/owners",
                    "/owners/meta", "/owners/openapi.json")) {
                walked &= !document(r1, "fleet", doc).isMissingNode();
            }
            ctx.check("the API catalog's chain was walked: catalog, two service roots, their metadata and OpenAPI documents",
                    walked, "documents " + source(r1, "fleet").path("documents").size());

            // 2. Cache-Control against refresh.maxAgeSeconds, as the answer reports them.
            Instant at = Instant.parse(r1.path("refreshedAt").asText());
            JsonNode petsDoc = document(r1, "fleet", "/pets/openapi.json");
            JsonNode ownersDoc = document(r1, "fleet", "/owners/openapi.json");
            JsonNode vetsDoc = document(r1, "vets", "/vets/openapi.json");
            ctx.check("a document with Cache-Control: no-cache is fresh for no time (expiresAt = its fetch)",
                    "no-cache".equals(petsDoc.path("cacheControl").asText()) && secondsAfter(at, petsDoc) <= 5,
                    petsDoc.toString());
            ctx.check("a document without Cache-Control is governed by refresh.maxAgeSeconds (" + FLEET_MAX_AGE + " s)",
                    !ownersDoc.has("cacheControl") && Math.abs(secondsAfter(at, ownersDoc) - FLEET_MAX_AGE) <= 5, ownersDoc.toString());
            ctx.check("the other source's maxAgeSeconds (" + VETS_MAX_AGE + " s) governs its silent document",
                    Math.abs(secondsAfter(at, vetsDoc) - VETS_MAX_AGE) <= 5, vetsDoc.toString());
            JsonNode publisherMaxAge = document(r1, "vets", "/vets/meta");
            ctx.check("the publisher's max-age (120 s) wins over refresh.maxAgeSeconds (" + VETS_MAX_AGE + " s)",
                    "max-age=120".equals(publisherMaxAge.path("cacheControl").asText())
                            && Math.abs(secondsAfter(at, publisherMaxAge) - 120) <= 5, publisherMaxAge.toString());

            // 3. Again, for one source: the forced one revalidates (all 304), the other is still fresh.
            ProcResult again = ocli.run("refresh", "--source", "fleet", "--format", "json");
            JsonNode r2 = json(ctx, again);
            ctx.artifact("refresh-2-revalidated.json", again.stdout());
            ctx.check("refresh --source fleet: unchanged documents are a revalidated_hit (304)",
                    again.exitCode() == 0 && "revalidated_hit".equals(outcome(r2, "fleet"))
                            && source(r2, "fleet").path("forced").asBoolean(), "fleet " + outcome(r2, "fleet"));
            ctx.check("the source not asked for is read as usual: fresh_hit, not forced",
                    "fresh_hit".equals(outcome(r2, "vets")) && !source(r2, "vets").path("forced").asBoolean(),
                    "vets " + outcome(r2, "vets"));

            // 4. The publisher changes a no-cache document: refreshed, and the new tool is listed.
            publish(publisher, List.of("listPets", "adoptPet"));
            ProcResult changed = ocli.run("refresh", "--source=fleet", "--format=json");
            JsonNode r3 = json(ctx, changed);
            ctx.artifact("refresh-3-refreshed.json", changed.stdout());
            ctx.check("after the publisher changed the OpenAPI document: refreshed",
                    changed.exitCode() == 0 && "refreshed".equals(outcome(r3, "fleet"))
                            && "refreshed".equals(document(r3, "fleet", "/pets/openapi.json").path("cacheOutcome").asText()),
                    "fleet " + outcome(r3, "fleet"));
            ProcResult list = ocli.run("catalog", "list", "--format", "json");
            ctx.check("ocli catalog list shows the new tool", list.exitCode() == 0 && toolIds(ctx, list).contains("pets:adoptPet"),
                    "exit " + list.exitCode());
            ProcResult table = ocli.run("refresh", "--format", "table");
            ctx.artifact("refresh-4-table.txt", table.stdout());
            ctx.check("the table form: one line per source and a summary",
                    table.exitCode() == 0 && table.stdout().contains("SOURCE") && table.stdout().contains("vets")
                            && table.stdout().contains("2 source(s): ") && table.stdout().contains("catalog rebuilt"),
                    "exit " + table.exitCode());

            // 4b. On a terminal: each source's progress line shows as soon as the runtime has read that
            // source. The vets root is held until the lane has seen fleet's line (NDJSON from oclird).
            DiscoveryPublisher.Hold vetsHeld = publisher.hold("/vets");
            Terminal.Running live = Terminal.start(ctx, clientDir, clientEnv, "", "--runtime", daemon.url(), "refresh");
            boolean fleetShown = awaitOutput(live, "fleet: ");
            String shownBeforeVets = live.output();
            boolean vetsUnanswered = !vetsHeld.answered();
            boolean vetsAsked = vetsHeld.awaitArrival(DiscoveryPublisher.HOLD_BOUND_SECONDS);
            vetsHeld.release();
            ProcResult terminal = live.await();
            ctx.artifact("refresh-4b-terminal.txt", terminal.stdout());
            ctx.check("on a terminal, the first source's progress line shows while the second source's publisher has not answered",
                    fleetShown && vetsUnanswered && vetsAsked && !shownBeforeVets.contains("vets: "),
                    "fleet line shown " + fleetShown + ", vets unanswered then " + vetsUnanswered + ", vets asked " + vetsAsked);
            String shown = terminal.stdout();
            int fleetLine = shown.indexOf("fleet: ");
            int vetsLine = shown.indexOf("vets: ");
            int tableHead = shown.indexOf("SOURCE");
            ctx.check("then the second source's line, the table and the summary, in that order",
                    terminal.exitCode() == 0 && fleetLine >= 0 && fleetLine < vetsLine && vetsLine < tableHead
                            && shown.indexOf("2 source(s): ") > tableHead && shown.contains("catalog rebuilt"),
                    "exit " + terminal.exitCode() + ", at " + fleetLine + " < " + vetsLine + " < " + tableHead);

            // 5. The publisher goes away: stale copies are served and reported; the catalog is still served.
            publisher.close();
            ProcResult down = ocli.run("refresh", "--format", "json");
            JsonNode r4 = json(ctx, down);
            ctx.artifact("refresh-5-stale.json", down.stdout());
            ctx.check("publisher down: refresh exits 0, every source a stale_hit with reason unreachable",
                    down.exitCode() == 0 && "stale_hit".equals(outcome(r4, "fleet")) && "stale_hit".equals(outcome(r4, "vets"))
                            && "unreachable".equals(source(r4, "fleet").path("reason").asText())
                            && source(r4, "fleet").path("stale").asBoolean() && r4.path("catalogRebuilt").asBoolean(),
                    "exit " + down.exitCode() + ", fleet " + outcome(r4, "fleet") + " " + source(r4, "fleet").path("reason").asText());
            ProcResult staleList = ocli.run("catalog", "list", "--format", "json");
            JsonNode staleCatalog = json(ctx, staleList);
            ctx.check("the stale catalog is still served (ocli catalog list works, the new tool included)",
                    staleList.exitCode() == 0 && toolIds(ctx, staleList).containsAll(List.of("pets:adoptPet", "owners:listOwners", "vets:listVets")),
                    "exit " + staleList.exitCode());
            ctx.check("and its provenance says stale",
                    staleCatalog.path("catalog").path("sources").findValues("stale").stream().anyMatch(JsonNode::asBoolean),
                    "sources " + staleCatalog.path("catalog").path("sources").size());
            ProcResult staleTable = ocli.run("refresh", "--format", "table");
            ctx.check("the table names the stale outcome and its reason",
                    staleTable.exitCode() == 0 && staleTable.stdout().contains("stale_hit") && staleTable.stdout().contains("unreachable"),
                    "exit " + staleTable.exitCode());

            // 6. Input is checked before anything is fetched.
            ProcResult unknown = ocli.run("refresh", "--source", "nope");
            ctx.check("an unknown source exits 3 and is named", unknown.exitCode() == 3 && unknown.stderr().contains("nope"),
                    "exit " + unknown.exitCode());
            daemon.close();
        }
    }

    /** Waits (bounded) until the terminal shows {@code text}; false if it never does or the command ended first. */
    private static boolean awaitOutput(Terminal.Running live, String text) {
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(DiscoveryPublisher.HOLD_BOUND_SECONDS))
                    .pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> live.output().contains(text) || !live.isAlive());
            return live.output().contains(text);
        } catch (org.awaitility.core.ConditionTimeoutException | java.io.IOException e) {
            return false;
        }
    }

    @FunctionalInterface
    private interface Ocli {
        ProcResult run(String... args) throws Exception;
    }

    /** The catalog → pets and owners service roots; vets its own root; each root's metadata and OpenAPI. */
    private static void publish(DiscoveryPublisher p, List<String> petOps) {
        p.put("/.well-known/api-catalog", """
                {"linkset":[{"anchor":"%s","item":[{"href":"%s"},{"href":"%s"}]}]}"""
                .formatted(p.url("/.well-known/api-catalog"), p.url("/pets"), p.url("/owners")),
                "Content-Type", "application/linkset+json");
        root(p, "pets", petOps, "Cache-Control", "no-cache");
        root(p, "owners", List.of("listOwners"));
        root(p, "vets", List.of("listVets"));
        p.put("/vets/meta", "{\"linkset\":[]}", "Content-Type", "application/linkset+json", "Cache-Control", "max-age=120");
    }

    private static void root(DiscoveryPublisher p, String name, List<String> ops, String... openapiHeaders) {
        p.put("/" + name, "", "Link", "<" + p.url("/" + name + "/openapi.json") + ">; rel=\"service-desc\", <"
                + p.url("/" + name + "/meta") + ">; rel=\"service-meta\"");
        if (!name.equals("vets")) p.put("/" + name + "/meta", "{\"linkset\":[]}", "Content-Type", "application/linkset+json");
        StringBuilder paths = new StringBuilder();
        for (String op : ops) {
            paths.append(paths.length() == 0 ? "" : ",").append("\"/").append(name).append("/").append(op)
                    .append("\":{\"get\":{\"operationId\":\"").append(op).append("\",\"responses\":{\"200\":{\"description\":\"ok\"}}}}");
        }
        String[] headers = new String[openapiHeaders.length + 2];
        headers[0] = "Content-Type";
        headers[1] = "application/json";
        System.arraycopy(openapiHeaders, 0, headers, 2, openapiHeaders.length);
        p.put("/" + name + "/openapi.json", "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + name + "\",\"version\":\"1\"},"
                + "\"servers\":[{\"url\":\"http://127.0.0.1:9/\"}],\"paths\":{" + paths + "}}", headers);
    }

    private static JsonNode json(LaneContext ctx, ProcResult r) {
        try {
            return ctx.json(r.stdout());
        } catch (java.io.IOException | RuntimeException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static JsonNode source(JsonNode report, String id) {
        for (JsonNode s : report.path("sources")) {
            if (id.equals(s.path("id").asText())) return s;
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String outcome(JsonNode report, String id) {
        return source(report, id).path("cacheOutcome").asText("(none)");
    }

    private static JsonNode document(JsonNode report, String id, String pathSuffix) {
        for (JsonNode d : source(report, id).path("documents")) {
            if (d.path("url").asText().endsWith(pathSuffix)) return d;
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static long secondsAfter(Instant at, JsonNode doc) {
        if (!doc.hasNonNull("expiresAt")) return Long.MIN_VALUE / 2;
        return Duration.between(at, Instant.parse(doc.path("expiresAt").asText())).toSeconds();
    }

    private static List<String> toolIds(LaneContext ctx, ProcResult r) {
        JsonNode tools = json(ctx, r).path("catalog").path("tools");
        return CatalogJson.toolIds(tools);
    }
}
