package org.opencli.fleet.lanes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.opencli.fleet.Background;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;

/**
 * The catalog copy ocli keeps and the shell completion that reads it, with real processes: a second
 * {@code catalog list} against a real oclird is answered 304 (the daemon's access log) and prints
 * the same; concurrent ocli processes share the copy; then bash itself sources
 * {@code ocli completion bash} and completes {@code ocli he<TAB>} and {@code ocli helpdesk t<TAB>}
 * from that copy without a request to the daemon; an embedded project (no daemon for its instance)
 * completes the same way from the copy its own {@code catalog list} kept; zsh and fish parse their
 * scripts.
 */
public final class CliCompletionLane implements Lane {
    private static final String INSTANCE = "fleet-complete";
    private static final String EMBEDDED_INSTANCE = "fleet-complete-embedded";
    private static final String ACCESS_LOG = "-Dquarkus.http.access-log.enabled=true"
            + " -Dquarkus.log.category.\"io.quarkus.http.access-log\".level=INFO";

    @Override
    public void run(LaneContext ctx) throws Exception {
        Path project = ctx.fixture("tickets");
        Daemon daemon = ctx.startDaemon(INSTANCE, Map.of("OCLIRD_JAVA_OPTS", ACCESS_LOG),
                "--config", project.resolve(".cli.json").toString());
        Map<String, String> env = Map.of("OCLI_INSTANCE_ID", INSTANCE);

        ProcResult first = ctx.ocliIn(project, env, "catalog", "list", "--format", "json");
        ProcResult second = ctx.ocliIn(project, env, "catalog", "list", "--format", "json");
        ctx.check("two catalog lists through the daemon exit 0 with identical output",
                first.exitCode() == 0 && second.exitCode() == 0 && first.stdout().equals(second.stdout()) && !first.stdout().isBlank(),
                "exit " + first.exitCode() + "/" + second.exitCode());
        List<String> statuses = catalogStatuses(ctx);
        ctx.check("the daemon answered the first with 200 and the second with 304 and no body",
                statuses.equals(List.of("200", "304 -")), "access log: " + statuses);

        Path catalogs = ctx.stateDir().resolve("instances").resolve(INSTANCE).resolve("cache/catalogs");
        List<Path> copies = copies(catalogs);
        boolean ownerOnly = copies.size() == 1 && "rw-------".equals(PosixFilePermissions.toString(Files.getPosixFilePermissions(copies.get(0))))
                && "rwx------".equals(PosixFilePermissions.toString(Files.getPosixFilePermissions(catalogs)));
        ctx.check("one copy is kept, 0600 in a 0700 directory", ownerOnly, copies.toString());
        ctx.check("the copy does not contain the bearer (the daemon's owner key) it was fetched with",
                copies.size() == 1 && daemon.clientKey() != null && !Files.readString(copies.get(0)).contains(daemon.clientKey()),
                "searched " + copies.size() + " file(s)");

        List<Background> parallel = new ArrayList<>();
        for (int i = 0; i < 4; i++) parallel.add(ctx.ocliInBackground(project, env, "catalog", "list", "--format", "json"));
        boolean allSame = true;
        for (Background b : parallel) {
            ProcResult r = b.finish(Duration.ofSeconds(120));
            allSame &= r.exitCode() == 0 && r.stdout().equals(first.stdout());
        }
        ProcResult after = ctx.ocliIn(project, env, "catalog", "list", "--format", "json");
        List<String> all = catalogStatuses(ctx);
        ctx.check("four concurrent ocli processes share the copy: same output, all answered 304, and it stays intact",
                allSame && after.stdout().equals(first.stdout()) && all.size() == 7
                        && all.subList(2, 7).stream().allMatch("304 -"::equals) && copies(catalogs).size() == 1,
                "access log: " + all);

        completeInBash(ctx, project, env);
        ctx.check("completing asked the daemon nothing", catalogStatuses(ctx).size() == 7, "access log: " + catalogStatuses(ctx));
        completeWithoutACopy(ctx);
        completeEmbedded(ctx);
        completeOddEnumValues(ctx);
        otherShells(ctx, project, env);
    }

    /**
     * Enum values come from the document: '*' must reach the shell as '*' (not the directory's file
     * names), 'two words' as one candidate, and a value with a line break not at all.
     */
    private static void completeOddEnumValues(LaneContext ctx) throws Exception {
        Path project = Files.createDirectories(ctx.workDir().resolve("odd-enums"));
        Files.writeString(project.resolve("glob-bait.txt"), "a file '*' would expand to\n");
        Files.writeString(project.resolve("odd.openapi.yaml"), """
                openapi: 3.0.3
                info: { title: Odd, version: "1" }
                paths:
                  /things:
                    get:
                      operationId: listThings
                      tags: [things]
                      parameters:
                        - name: kind
                          in: query
                          schema: { type: string, enum: ["*", "two words", "line\\nbreak"] }
                      responses: { "200": { description: ok } }
                """);
        Map<String, String> env = Map.of("OCLI_INSTANCE_ID", "fleet-complete-odd");
        ProcResult init = ctx.ocliIn(project, env, "init", "odd.openapi.yaml");
        ProcResult list = ctx.ocliIn(project, env, "catalog", "list");
        ProcResult values = bashComplete(ctx, project, env, "ocli", "odd", "things", "list-things", "--kind", "");
        ctx.check("bash: enum values reach the shell as written ('*' not globbed, 'two words' one candidate, a line break left out)",
                init.exitCode() == 0 && list.exitCode() == 0 && values.exitCode() == 0
                        && values.stdout().lines().toList().equals(List.of("*", "two words")),
                "init " + init.exitCode() + " " + init.stderr().strip() + "; candidates " + values.stdout().lines().toList()
                        + " stderr " + values.stderr().strip());
    }

    /** bash sources the script and calls its registered function as readline would on TAB. */
    private static void completeInBash(LaneContext ctx, Path project, Map<String, String> env) throws Exception {
        ProcResult he = bashComplete(ctx, project, env, "ocli", "he");
        List<String> heWords = he.stdout().lines().toList();
        ctx.check("bash: 'ocli he<TAB>' offers helpdesk, and only words starting with 'he'",
                he.exitCode() == 0 && heWords.contains("helpdesk") && heWords.stream().allMatch(w -> w.startsWith("he")),
                heWords + " stderr: " + he.stderr().strip());
        ProcResult group = bashComplete(ctx, project, env, "ocli", "helpdesk", "t");
        ctx.check("bash: 'ocli helpdesk t<TAB>' completes to tickets",
                group.exitCode() == 0 && group.stdout().lines().toList().equals(List.of("tickets")), group.stdout().strip());
        ProcResult flag = bashComplete(ctx, project, env, "ocli", "helpdesk", "tickets", "list-tickets", "--st");
        ctx.check("bash: a tool's flags complete from the catalog ('--st' → --status)",
                flag.exitCode() == 0 && flag.stdout().lines().toList().contains("--status"), flag.stdout().strip());
        ProcResult builtin = bashComplete(ctx, project, env, "ocli", "catalog", "l");
        ctx.check("bash: built-in commands complete too ('catalog l' → list)",
                builtin.exitCode() == 0 && builtin.stdout().lines().toList().equals(List.of("list")), builtin.stdout().strip());
        ProcResult value = bashComplete(ctx, project, env, "ocli", "--format", "y");
        ctx.check("bash: option values complete ('--format y' → yaml)",
                value.exitCode() == 0 && value.stdout().lines().toList().equals(List.of("yaml")), value.stdout().strip());
    }

    /** No copy for this directory and instance: no candidates and nothing on the terminal. */
    private static void completeWithoutACopy(LaneContext ctx) throws Exception {
        Path empty = Files.createDirectories(ctx.workDir().resolve("no-project"));
        ProcResult none = bashComplete(ctx, empty, Map.of("OCLI_INSTANCE_ID", "fleet-complete-none"), "ocli", "helpdesk", "t");
        ctx.check("bash: with no kept catalog, 'ocli helpdesk t<TAB>' offers nothing and prints nothing",
                none.exitCode() == 0 && none.stdout().isBlank() && none.stderr().isBlank(),
                "stdout " + none.stdout().strip() + " stderr " + none.stderr().strip());
    }

    /**
     * A project no daemon serves (its own instance): {@code ocli catalog list} runs the engine
     * in-process, which keeps the copy completion then reads.
     */
    private static void completeEmbedded(LaneContext ctx) throws Exception {
        Path project = Files.createDirectories(ctx.workDir().resolve("embedded"));
        Path source = ctx.fixture("tickets");
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, project.resolve(f.getFileName()));
        }
        Map<String, String> env = Map.of("OCLI_INSTANCE_ID", EMBEDDED_INSTANCE);
        ProcResult before = bashComplete(ctx, project, env, "ocli", "helpdesk", "t");
        ctx.check("embedded: before any call, 'ocli helpdesk t<TAB>' offers nothing and prints nothing",
                before.exitCode() == 0 && before.stdout().isBlank() && before.stderr().isBlank(),
                "stdout " + before.stdout().strip() + " stderr " + before.stderr().strip());
        ProcResult list = ctx.ocliIn(project, env, "catalog", "list");
        ProcResult info = ctx.ocliIn(project, env, "--format", "json", "runtime", "info");
        ctx.check("embedded: 'ocli catalog list' in the project runs the engine in-process and exits 0",
                list.exitCode() == 0 && list.stdout().contains("helpdesk") && info.stdout().contains("embedded"),
                "exit " + list.exitCode() + " " + list.stderr().strip() + " info " + info.stdout().strip());
        Path catalogs = ctx.stateDir().resolve("instances").resolve(EMBEDDED_INSTANCE).resolve("cache/catalogs");
        ctx.check("embedded: the call kept one copy, 0600", copies(catalogs).size() == 1
                && "rw-------".equals(PosixFilePermissions.toString(Files.getPosixFilePermissions(copies(catalogs).get(0)))),
                copies(catalogs).toString());
        ProcResult group = bashComplete(ctx, project, env, "ocli", "helpdesk", "t");
        ctx.check("embedded: bash completes 'ocli helpdesk t<TAB>' to tickets",
                group.exitCode() == 0 && group.stdout().lines().toList().equals(List.of("tickets")),
                group.stdout().strip() + " stderr " + group.stderr().strip());
    }

    private static void otherShells(LaneContext ctx, Path project, Map<String, String> env) throws Exception {
        for (String shell : List.of("zsh", "fish")) {
            ProcResult script = ctx.ocliIn(project, env, "completion", shell);
            Path file = ctx.workDir().resolve("ocli." + shell);
            Files.writeString(file, script.stdout());
            ProcResult parsed = ctx.exec(project, env, shell, "-n", file.toString());
            ctx.check(shell + ": 'ocli completion " + shell + "' prints a script the shell parses (" + shell + " -n)",
                    script.exitCode() == 0 && parsed.exitCode() == 0 && !script.stdout().isBlank(), parsed.stderr().strip());
        }
        ProcResult fish = ctx.exec(project, withPath(ctx, env), "fish", "-c",
                "source " + ctx.workDir().resolve("ocli.fish") + "; complete -C'ocli helpdesk t'");
        ctx.check("fish: 'ocli helpdesk t<TAB>' completes to tickets",
                fish.exitCode() == 0 && fish.stdout().lines().map(l -> l.split("\t")[0]).toList().equals(List.of("tickets")),
                fish.stdout().strip());
    }

    /**
     * Runs bash: sources {@code ocli completion bash}, sets COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT
     * for {@code words} (the last one being completed), calls the function registered for ocli and
     * prints COMPREPLY, one per line.
     */
    private static ProcResult bashComplete(LaneContext ctx, Path cwd, Map<String, String> env, String... words) throws Exception {
        String quoted = String.join(" ", Arrays.stream(words).map(w -> "'" + w + "'").toList());
        String script = String.join("\n",
                "set -u",
                "source <(ocli completion bash)",
                "fn=$(complete -p ocli | sed -E 's/.*-F ([^ ]+).*/\\1/')",
                "COMP_WORDS=(" + quoted + ")",
                "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))",
                "COMP_LINE=\"${COMP_WORDS[*]}\"",
                "COMP_POINT=${#COMP_LINE}",
                "COMPREPLY=()",
                "\"$fn\" ocli \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"",
                "printf '%s\\n' \"${COMPREPLY[@]}\"");
        return ctx.exec(cwd, withPath(ctx, env), "bash", "-c", script);
    }

    /** {@code env} with the repository's bin/ first on the PATH, as the README's first-use section sets it. */
    private static Map<String, String> withPath(LaneContext ctx, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PATH", ctx.repoRoot().resolve("bin") + ":" + System.getenv("PATH"));
        return all;
    }

    /** Status (and, for a 304, the body size "-") of each catalog request in the daemon's access log. */
    private static List<String> catalogStatuses(LaneContext ctx) throws Exception {
        Path log = ctx.daemonLog(INSTANCE);
        List<String> statuses = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            int request = line.indexOf("\"GET /v1/catalog/effective");
            if (!line.contains("io.quarkus.http.access-log") || request < 0) continue;
            String[] after = line.substring(line.indexOf('"', request + 1) + 1).strip().split(" ");
            statuses.add(after[0].equals("304") ? "304 " + after[1] : after[0]);
        }
        return statuses;
    }

    private static List<Path> copies(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".copy")).toList();
        }
    }
}
