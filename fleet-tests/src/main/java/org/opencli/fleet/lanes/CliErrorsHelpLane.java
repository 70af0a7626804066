package org.opencli.fleet.lanes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.Processes;

/**
 * {@code bin/ocli} as people type it: a mistake gives two lines (what went wrong, which help to
 * read) and exit 2; {@code ocli help ...} works for built-in and catalog commands; help shows an
 * example; tables and help fit a 160-column pseudo-terminal ({@code script}) whose shell does not
 * export COLUMNS, and piped output is not cut.
 */
public final class CliErrorsHelpLane implements Lane {
    private static final String LONG_SUMMARY = "Download the quarterly revenue report for one region with every line item, "
            + "adjustment and currency conversion spelled out in full detail for auditors";

    @Override
    public void run(LaneContext ctx) throws Exception {
        Path project = ctx.fixture("tickets");
        usageErrors(ctx, project);
        helpCommand(ctx, project);
        width(ctx, wideProject(ctx));
    }

    private void usageErrors(LaneContext ctx, Path project) throws Exception {
        ProcResult option = ctx.ocliIn(project, Map.of(), "--embedded", "helpdesk", "tickets", "list-tickets", "--foo");
        twoLines(ctx, "unknown option on a catalog command", option,
                "ocli: unknown option '--foo' for 'ocli helpdesk tickets list-tickets'",
                "Run 'ocli --embedded helpdesk tickets list-tickets --help' for usage.");

        ProcResult missing = ctx.ocliIn(project, Map.of(), "--embedded", "helpdesk", "tickets", "get-ticket");
        ctx.check("missing path argument: exit 2, the argument and the command named, then the help to read",
                missing.exitCode() == 2 && missing.stdout().isEmpty() && lines(missing.stderr()).size() == 2
                        && lines(missing.stderr()).get(0).matches("ocli: missing required argument '<[^']+>' for 'ocli helpdesk tickets get-ticket'")
                        && lines(missing.stderr()).get(1).equals("Run 'ocli --embedded helpdesk tickets get-ticket --help' for usage."),
                "exit " + missing.exitCode() + ": " + missing.stderr().strip());

        ProcResult config = ctx.ocli("config", "frobnicate", "--help");
        ctx.check("unknown subcommand under config, even with --help: exit 2, its commands listed, no help printed",
                config.exitCode() == 2 && config.stdout().isEmpty() && lines(config.stderr()).size() == 2
                        && lines(config.stderr()).get(0).startsWith("ocli: unknown command 'frobnicate' for 'ocli config'; commands: ")
                        && lines(config.stderr()).get(0).contains("validate") && lines(config.stderr()).get(0).contains("show")
                        && lines(config.stderr()).get(1).equals("Run 'ocli config --help' for usage."),
                "exit " + config.exitCode() + ": " + config.stderr().strip());

        ProcResult group = ctx.ocliIn(project, Map.of(), "--embedded", "helpdesk", "tickets", "frobnicate", "--help");
        ctx.check("unknown command under a catalog group, even with --help: exit 2, its commands listed",
                group.exitCode() == 2 && group.stdout().isEmpty() && lines(group.stderr()).size() == 2
                        && lines(group.stderr()).get(0).startsWith("ocli: unknown command 'frobnicate' for 'ocli helpdesk tickets'; commands: ")
                        && lines(group.stderr()).get(0).contains("get-ticket"),
                "exit " + group.exitCode() + ": " + group.stderr().strip());

        ProcResult typo = ctx.ocli("catalog", "lst");
        twoLines(ctx, "a typo of a built-in command suggests the right one", typo,
                "ocli: unknown command 'lst' for 'ocli catalog'; did you mean 'list'?", "Run 'ocli catalog --help' for usage.");

        ProcResult badValue = ctx.ocli("--demo", "catalog", "list", "--format", "xml");
        twoLines(ctx, "a bad option value names the option and the expected values", badValue,
                "ocli: invalid value for option '--format': 'xml' is not a format; expected one of json, yaml, pretty, table",
                "Run 'ocli --demo catalog list --help' for usage.");
    }

    private void helpCommand(LaneContext ctx, Path project) throws Exception {
        ProcResult help = ctx.ocli("help");
        ProcResult dashHelp = ctx.ocli("--help");
        ctx.check("ocli help prints what ocli --help prints, with examples and exit codes",
                help.exitCode() == 0 && help.stdout().equals(dashHelp.stdout()) && help.stdout().contains("Examples:")
                        && help.stdout().contains("Exit codes:"), "exit " + help.exitCode() + help.stderr());

        ProcResult list = ctx.ocli("help", "catalog", "list");
        ctx.check("ocli help catalog list prints catalog list's help and its example",
                list.exitCode() == 0 && list.stdout().equals(ctx.ocli("catalog", "list", "--help").stdout())
                        && list.stdout().contains("Usage: ocli catalog list") && list.stdout().contains("  ocli --demo catalog list"),
                "exit " + list.exitCode() + list.stderr());

        ProcResult group = ctx.ocliIn(project, Map.of(), "--embedded", "help", "helpdesk", "tickets");
        ctx.check("ocli help helpdesk tickets prints the catalog group's help",
                group.exitCode() == 0 && group.stdout().contains("get-ticket")
                        && group.stdout().equals(ctx.ocliIn(project, Map.of(), "--embedded", "helpdesk", "tickets", "--help").stdout()),
                "exit " + group.exitCode() + group.stderr());

        ProcResult tool = ctx.ocliIn(project, Map.of(), "--embedded", "helpdesk", "tickets", "get-ticket", "--help");
        ctx.check("a catalog command's help shows an example with its path argument",
                tool.exitCode() == 0 && tool.stdout().contains("Example:")
                        && tool.stdout().lines().anyMatch(l -> l.matches("  ocli helpdesk tickets get-ticket <[^>]+>")),
                tool.stdout());
    }

    private void width(LaneContext ctx, Path wide) throws Exception {
        List<String> table = List.of("--embedded", "catalog", "list", "--format", "table");
        String atWide = pty(ctx, wide, 160, table);
        ctx.check("on a 160-column terminal (COLUMNS not exported) the table is 160 columns wide",
                widest(atWide) == 160, "widest line " + widest(atWide) + ":\n" + atWide);
        String atNarrow = pty(ctx, wide, 100, table);
        ctx.check("on a 100-column terminal the table is cut to 100 columns", widest(atNarrow) == 100,
                "widest line " + widest(atNarrow));
        ProcResult piped = ctx.ocliIn(wide, Map.of(), "--embedded", "catalog", "list", "--format", "table");
        ctx.check("piped, the table is not cut", piped.exitCode() == 0 && piped.stdout().contains(LONG_SUMMARY),
                "widest line " + widest(piped.stdout()));

        String help = pty(ctx, wide, 160, List.of("catalog", "list", "--help"));
        ctx.check("on a 160-column terminal help wraps at 160, not 80", widest(help) > 80 && widest(help) <= 160,
                "widest line " + widest(help));
        ProcResult pipedHelp = ctx.ocli("catalog", "list", "--help");
        ctx.check("piped, help wraps at 80", widest(pipedHelp.stdout()) <= 80, "widest line " + widest(pipedHelp.stdout()));
    }

    /** A project whose one operation has a summary far wider than any terminal. */
    private static Path wideProject(LaneContext ctx) throws Exception {
        Path dir = Files.createDirectories(ctx.workDir().resolve("wide"));
        Files.writeString(dir.resolve("reports.openapi.yaml"), String.join("\n",
                "openapi: 3.0.3",
                "info: {title: Reports, version: '1'}",
                "servers: [{url: 'http://127.0.0.1:9'}]",
                "paths:",
                "  /reports/{reportId}:",
                "    get:",
                "      operationId: getQuarterlyReport",
                "      tags: [reports]",
                "      summary: " + LONG_SUMMARY,
                "      parameters:",
                "        - {name: reportId, in: path, required: true, schema: {type: string}}",
                "      responses: {'200': {description: ok}}",
                ""));
        Files.writeString(dir.resolve(".cli.json"), """
                {
                  "cli": "1.0.0",
                  "mode": { "default": "discover" },
                  "sources": { "reportsApi": { "type": "openapi", "uri": "./reports.openapi.yaml" } },
                  "services": { "reports": { "source": "reportsApi", "alias": "reports" } }
                }
                """);
        return dir;
    }

    /**
     * Runs {@code bin/ocli} in a pseudo-terminal of {@code columns} columns ({@code script} from
     * util-linux), as from an interactive shell that does not export COLUMNS; returns its output.
     */
    private static String pty(LaneContext ctx, Path cwd, int columns, List<String> args) throws Exception {
        String ocli = ctx.repoRoot().resolve("bin/ocli").toString();
        String line = "stty cols " + columns + " rows 40; exec " + quote(ocli) + " "
                + args.stream().map(CliErrorsHelpLane::quote).collect(Collectors.joining(" "));
        ctx.log("$ script -qec \"" + line + "\" /dev/null");
        Path out = Files.createTempFile(ctx.workDir(), "pty", ".txt");
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", line, "/dev/null").directory(cwd.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("COLUMNS");
        pb.environment().put("OCLI_STATE_DIR", ctx.stateDir().toString());
        Process process = pb.start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) throw new IllegalStateException("script timed out: " + line);
        } finally {
            Processes.stop(process);
        }
        String text = Files.readString(out).replace("\r", "");
        Files.delete(out);
        ctx.log("exit " + process.exitValue() + "\n" + text);
        return text;
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** The longest line's width on screen (help on a terminal is coloured: escape sequences take no columns). */
    private static int widest(String text) {
        return text.replaceAll("\u001B\\[[0-9;]*m", "").lines().mapToInt(String::length).max().orElse(0);
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(text.lines().toList());
    }

    private static void twoLines(LaneContext ctx, String name, ProcResult r, String what, String next) {
        ctx.check(name + ": exit 2 and two lines", r.exitCode() == 2 && r.stdout().isEmpty()
                && lines(r.stderr()).equals(List.of(what, next)), "exit " + r.exitCode() + ": " + r.stderr().strip());
    }
}
