package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.Terminal;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * Tool calls as people type them, against oclird and the test upstream: {@code --body @file} in the
 * space form, prompts for what is missing on a terminal (and exit 2 without one), declining approval
 * sends nothing, {@code --output} checked before sending and holding the bytes as sent, the status
 * line on a terminal and {@code --include} anywhere. The terminal runs use a real pseudo-terminal.
 */
public final class ToolCallHabitsLane implements Lane {
    /** A tool with a required flag (the test upstream's own description has none). */
    private static final String PROBE_OPENAPI = """
            openapi: 3.0.3
            info: { title: Probe, version: "1" }
            paths:
              /echo/{rest}:
                get:
                  operationId: echoSearch
                  tags: [probe]
                  parameters:
                    - { name: rest, in: path, required: true, description: Where to echo, schema: { type: string } }
                    - { name: q, in: query, required: true, description: The search text, schema: { type: string } }
                  responses:
                    "200": { description: The request as received, content: { application/json: { schema: { type: object } } } }
            """;

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {
                ((ObjectNode) config.path("sources")).putObject("probeApi").put("type", "openapi").put("uri", "./probe.openapi.yaml");
                ((ObjectNode) config.path("services")).putObject("probe").put("source", "probeApi").put("alias", "probe")
                        .put("baseURL", upstream.apiUrl());
            });
            Files.writeString(project.dir.resolve("probe.openapi.yaml"), PROBE_OPENAPI);
            Daemon daemon = ctx.startDaemon("tool-call", project.env(), "--config", project.config.toString());
            Calls calls = new Calls(ctx, project, daemon.url());

            String id = bodies(ctx, calls, project);
            prompts(ctx, calls, project, id);
            approval(ctx, calls, project, id);
            String kept = output(ctx, calls, project, upstream, id);
            status(ctx, calls, kept);
        }
    }

    /** {@code --body @file} and {@code --body=@file}; {@code @} in any other option is its value. Returns a ticket id. */
    private static String bodies(LaneContext ctx, Calls calls, UpstreamProject project) throws Exception {
        Files.writeString(project.dir.resolve("ticket.json"), "{\"title\": \"Printer on fire\", \"priority\": \"high\"}\n");
        ProcResult spaced = calls.ocli("upstream", "tickets", "create-ticket", "--body", "@ticket.json");
        JsonNode created = spaced.exitCode() == 0 ? ctx.json(spaced.stdout()) : null;
        ctx.check("create-ticket --body @ticket.json (space form): the file is the body",
                created != null && created.path("title").asText().equals("Printer on fire"),
                "exit " + spaced.exitCode() + " " + spaced.stderr().strip());
        ProcResult joined = calls.ocli("upstream", "tickets", "create-ticket", "--body=@ticket.json");
        ctx.check("create-ticket --body=@ticket.json: the file is the body",
                joined.exitCode() == 0 && joined.stdout().contains("Printer on fire"), "exit " + joined.exitCode());
        Files.writeString(project.dir.resolve("notes.txt"), "words that must not become arguments\n");
        ProcResult literal = calls.ocli("upstream", "diagnostics", "echo-get", "x", "--q", "@notes.txt");
        JsonNode echoed = literal.exitCode() == 0 ? ctx.json(literal.stdout()) : null;
        ctx.check("--q @notes.txt: another option takes @notes.txt literally (no argument file)",
                echoed != null && echoed.path("query").path("q").path(0).asText().equals("@notes.txt"),
                echoed == null ? "exit " + literal.exitCode() + " " + literal.stderr().strip() : echoed.path("query").toString());
        return created == null ? "1" : created.path("id").asText();
    }

    private static void prompts(LaneContext ctx, Calls calls, UpstreamProject project, String id) throws Exception {
        ProcResult asked = calls.onTerminal(id + "\n", "upstream", "tickets", "get-ticket");
        ctx.check("on a terminal a missing path argument is asked for, naming it, and the call is made with the answer",
                asked.exitCode() == 0 && asked.stdout().contains("<ticket-id> (required path argument)")
                        && asked.stdout().contains("Printer on fire"), "exit " + asked.exitCode());
        ProcResult flag = calls.onTerminal("needle in hay\n", "probe", "probe", "echo-search", "spot");
        ctx.check("on a terminal a missing required flag is asked for with its description",
                flag.exitCode() == 0 && flag.stdout().contains("--q (required flag) — The search text [string]: ")
                        && flag.stdout().contains("needle%20in%20hay"), "exit " + flag.exitCode());
        ProcResult ended = calls.onTerminal("", "upstream", "tickets", "get-ticket");
        ctx.check("on a terminal, end of input (Ctrl-D) at the prompt is a usage error (exit 2)",
                ended.exitCode() == 2 && ended.stdout().contains("<ticket-id> was not given"), "exit " + ended.exitCode());
        ProcResult help = calls.onTerminal("", "probe", "probe", "echo-search", "--help");
        ctx.check("on a terminal too, the help's example names the required flag (it is prompted for, still required)",
                help.exitCode() == 0 && help.stdout().contains("probe probe echo-search <rest> --q Q"), help.stdout().strip());
        int before = project.requestCount(ctx);
        ProcResult script = calls.ocli("upstream", "tickets", "get-ticket");
        ProcResult scriptFlag = calls.ocli("probe", "probe", "echo-search", "spot");
        ctx.check("without a terminal nothing is asked: exit 2 naming the missing parameter, nothing sent",
                script.exitCode() == 2 && script.stderr().contains("<ticket-id>") && !script.stderr().contains("(required path argument)")
                        && scriptFlag.exitCode() == 2 && scriptFlag.stderr().contains("--q")
                        && project.requestCount(ctx) == before,
                "exit " + script.exitCode() + " and " + scriptFlag.exitCode());
    }

    private static void approval(LaneContext ctx, Calls calls, UpstreamProject project, String id) throws Exception {
        int before = project.requestCount(ctx);
        long audited = calls.auditRecords();
        ProcResult declined = calls.onTerminal("n\n", "upstream", "tickets", "delete-ticket", id);
        ctx.check("declining the approval prompt: exit 5, the concrete request named, nothing reaches runtime or upstream",
                declined.exitCode() == 5 && declined.stdout().contains("(DELETE /tickets/" + id + "). Proceed? [y/N]")
                        && declined.stdout().contains("was not sent")
                        && project.requestCount(ctx) == before && calls.auditRecords() == audited,
                "exit " + declined.exitCode() + ", audit records " + audited + " -> " + calls.auditRecords());
        ProcResult encoded = calls.onTerminal("no\n", "upstream", "tickets", "delete-ticket", "a b/c");
        ctx.check("the prompt shows path arguments encoded as they will be sent",
                encoded.exitCode() == 5 && encoded.stdout().contains("(DELETE /tickets/a%20b%2Fc)"), "exit " + encoded.exitCode());
        ProcResult approved = calls.onTerminal("y\n", "upstream", "tickets", "delete-ticket", id);
        ctx.check("answering y sends it: the 204 shows as a status line on the terminal",
                approved.exitCode() == 0 && approved.stdout().contains("HTTP 204 No Content"), "exit " + approved.exitCode());
    }

    /** Returns the id of a ticket it created (still there). */
    private static String output(LaneContext ctx, Calls calls, UpstreamProject project, TestUpstream upstream, String deleted)
            throws Exception {
        int before = project.requestCount(ctx);
        Path nowhere = project.dir.resolve("no-such-dir/created.json");
        ProcResult missingDir = calls.ocli("upstream", "tickets", "create-ticket", "--body", "@ticket.json", "--output", nowhere.toString());
        Files.createDirectories(project.dir.resolve("answers"));
        ProcResult isDir = calls.ocli("upstream", "tickets", "create-ticket", "--body", "@ticket.json", "--output", "answers");
        ctx.check("--output into a missing directory or onto a directory: exit 2 naming the path, nothing sent",
                missingDir.exitCode() == 2 && missingDir.stderr().contains(nowhere.toString())
                        && isDir.exitCode() == 2 && isDir.stderr().contains("answers") && isDir.stderr().contains("is a directory")
                        && project.requestCount(ctx) == before,
                "exit " + missingDir.exitCode() + " and " + isDir.exitCode() + ", upstream requests " + before + " -> "
                        + project.requestCount(ctx));

        notPlainTargets(ctx, calls, project);

        ProcResult created = calls.ocli("upstream", "tickets", "create-ticket", "--body", "@ticket.json");
        String id = created.exitCode() == 0 ? ctx.json(created.stdout()).path("id").asText() : "";
        byte[] sent = ctx.http().send(HttpRequest.newBuilder(URI.create(upstream.apiUrl() + "/tickets/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        for (String topology : List.of("daemon", "embedded")) {
            Path file = project.dir.resolve("answers/ticket-" + topology + ".json");
            ProcResult saved = topology.equals("daemon")
                    ? calls.ocli("upstream", "tickets", "get-ticket", id, "--output", "answers/ticket-" + topology + ".json")
                    : ctx.ocliIn(project.dir, project.env(), "--embedded", "upstream", "tickets", "get-ticket", id,
                            "--output=answers/ticket-" + topology + ".json");
            byte[] written = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
            ctx.check("--output (" + topology + ") holds the body's bytes exactly as the upstream sent them",
                    saved.exitCode() == 0 && written.length > 0 && Arrays.equals(written, sent),
                    "exit " + saved.exitCode() + ", " + written.length + " bytes written, upstream sent " + sent.length + ": "
                            + new String(written, StandardCharsets.UTF_8).strip());
        }
        try (Stream<Path> left = Files.list(project.dir.resolve("answers"))) {
            List<String> names = left.map(p -> p.getFileName().toString()).sorted().toList();
            ctx.check("--output leaves no temporary file behind", names.equals(List.of("ticket-daemon.json", "ticket-embedded.json")),
                    names.toString());
        }
        ProcResult gone = calls.ocli("upstream", "tickets", "get-ticket", deleted, "--output", "answers/gone.json");
        ctx.check("--output on a 404 saves the problem body and exits 6",
                gone.exitCode() == 6 && Files.isRegularFile(project.dir.resolve("answers/gone.json")), "exit " + gone.exitCode());
        return id;
    }

    /**
     * A create that would reach the upstream, aimed at what must not be replaced or cannot take a
     * temporary file: refused before sending. {@code /dev/null} is written in place and stays a device.
     */
    private static void notPlainTargets(LaneContext ctx, Calls calls, UpstreamProject project) throws Exception {
        int before = project.requestCount(ctx);
        Path fifo = project.dir.resolve("answers/pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        boolean made = mkfifo.waitFor() == 0;
        ProcResult toFifo = calls.ocli("upstream", "tickets", "create-ticket", "--body", "@ticket.json", "--output", fifo.toString());
        ProcResult toProc = calls.ocli("upstream", "tickets", "create-ticket", "--body", "@ticket.json", "--output=/proc/version");
        ProcResult endless = calls.ocli("upstream", "tickets", "create-ticket", "--body", "@/dev/zero");
        ctx.check("--output onto a FIFO or /proc/version, --body @/dev/zero: exit 2 in words, nothing sent",
                made && toFifo.exitCode() == 2 && toFifo.stderr().contains("not a regular file")
                        && toProc.exitCode() == 2 && toProc.stderr().contains("nothing was sent") && !toProc.stderr().contains("Exception")
                        && endless.exitCode() == 2 && endless.stderr().contains("larger than 10 MiB")
                        && project.requestCount(ctx) == before,
                "exits " + toFifo.exitCode() + ", " + toProc.exitCode() + ", " + endless.exitCode() + "; upstream requests "
                        + before + " -> " + project.requestCount(ctx) + ": " + toProc.stderr().strip() + " / " + endless.stderr().strip());
        Files.delete(fifo);
        ProcResult toNull = calls.ocli("upstream", "tickets", "list-tickets", "--limit", "1", "--output", "/dev/null");
        boolean stillDevice = !Files.isRegularFile(Path.of("/dev/null")) && !Files.isDirectory(Path.of("/dev/null"));
        ctx.check("--output /dev/null is written in place: exit 0 and /dev/null is still a device",
                toNull.exitCode() == 0 && stillDevice, "exit " + toNull.exitCode() + ": " + toNull.stderr().strip());
    }

    private static void status(LaneContext ctx, Calls calls, String id) throws Exception {
        ProcResult missing = calls.onTerminal("", "upstream", "tickets", "get-ticket", "999999");
        ctx.check("on a terminal a 404 shows the status line HTTP 404 Not Found (exit 6)",
                missing.exitCode() == 6 && missing.stdout().contains("HTTP 404 Not Found"), "exit " + missing.exitCode());
        ProcResult piped = calls.ocli("upstream", "tickets", "get-ticket", "999999");
        ctx.check("without a terminal no status line is printed",
                piped.exitCode() == 6 && !piped.stderr().contains("HTTP 404") && !piped.stdout().contains("HTTP 404"),
                "exit " + piped.exitCode());
        ProcResult included = calls.ocli("upstream", "tickets", "list-tickets", "--limit", "1", "--include");
        String[] parts = included.stdout().split("\n\n", 2);
        List<String> head = parts[0].lines().toList();
        ctx.check("--include (no terminal): status line and headers on stdout, a blank line, then the body",
                included.exitCode() == 0 && head.get(0).equals("HTTP 200 OK") && head.contains("content-type: application/json")
                        && head.stream().anyMatch(h -> h.startsWith("link: <")) && parts.length == 2
                        && ctx.json(parts[1]).path("items").isArray(),
                "exit " + included.exitCode() + ": " + head);
        ProcResult short404 = calls.ocli("upstream", "tickets", "get-ticket", "999999", "-i");
        ctx.check("-i on a 404: HTTP 404 Not Found first, exit 6",
                short404.exitCode() == 6 && short404.stdout().startsWith("HTTP 404 Not Found\n"), "exit " + short404.exitCode());
        ProcResult embedded = calls.ctx.ocliIn(calls.project.dir, calls.project.env(), "--embedded", "upstream", "tickets",
                "get-ticket", id, "--include");
        ctx.check("--include embedded: the same head as through the daemon",
                embedded.exitCode() == 0 && embedded.stdout().startsWith("HTTP 200 OK\n")
                        && embedded.stdout().contains("content-type: application/json"), "exit " + embedded.exitCode());
    }

    /** ocli against the daemon from the project directory, piped or on a terminal. */
    private record Calls(LaneContext ctx, UpstreamProject project, String runtime) {
        ProcResult ocli(String... args) throws Exception {
            return ctx.ocliIn(project.dir, Map.of(), withRuntime(args));
        }

        ProcResult onTerminal(String typed, String... args) throws Exception {
            return Terminal.ocli(ctx, project.dir, Map.of(), typed, withRuntime(args));
        }

        long auditRecords() throws Exception {
            Path audit = ctx.stateDir().resolve("instances/tool-call/audit.log");
            if (!Files.isRegularFile(audit)) return 0;
            try (Stream<String> lines = Files.lines(audit)) {
                return lines.count();
            }
        }

        private String[] withRuntime(String... args) {
            String[] all = new String[args.length + 2];
            all[0] = "--runtime";
            all[1] = runtime;
            System.arraycopy(args, 0, all, 2, args.length);
            return all;
        }
    }
}
