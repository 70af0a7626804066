package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.cli.support.FakeRuntime;
import picocli.CommandLine;

/**
 * Command-line mistakes as users make them: two lines (what went wrong, which help to read) and
 * exit 2, for built-ins and catalog commands alike; {@code ocli help ...}; an example in every help.
 */
class UsageErrorsTest {
    @TempDir
    Path dir;
    FakeRuntime runtime;
    CliRunner daemon;
    CliRunner bare;

    @BeforeEach
    void start() throws Exception {
        runtime = new FakeRuntime();
        daemon = new CliRunner(Map.of(DynamicTreeTest.RuntimeResolverEnv.URL, runtime.url()), dir);
        bare = new CliRunner(Map.of(), dir);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void unknownOptionOfACatalogCommandIsTwoLines() {
        CliResult r = daemon.run("hd", "tickets", "list-tickets", "--foo");
        assertUsage(r, "ocli: unknown option '--foo' for 'ocli hd tickets list-tickets'",
                "Run 'ocli hd tickets list-tickets --help' for usage.");
        CliResult typo = daemon.run("hd", "tickets", "list-tickets", "--statu=open");
        assertUsage(typo, "ocli: unknown option '--statu' for 'ocli hd tickets list-tickets'; did you mean '--status'?",
                "Run 'ocli hd tickets list-tickets --help' for usage.");
    }

    @Test
    void theHelpToReadKeepsTheOptionsThatFindTheCatalog() {
        CliResult r = bare.run("--demo", "shop", "items", "get-item", "1", "--bogus", "--format", "json");
        assertUsage(r, "ocli: unknown option '--bogus' for 'ocli shop items get-item'",
                "Run 'ocli --demo shop items get-item --help' for usage.");
        CliResult runtimeGiven = bare.run("--runtime=" + runtime.url(), "hd", "tickets", "get-ticket");
        assertUsage(runtimeGiven, "ocli: missing required argument '<ticket-id>' for 'ocli hd tickets get-ticket'",
                "Run 'ocli --runtime=" + runtime.url() + " hd tickets get-ticket --help' for usage.");
    }

    @Test
    void missingArgumentsAndFlagsAreNamed() {
        assertUsage(daemon.run("hd", "tickets", "get-ticket"),
                "ocli: missing required argument '<ticket-id>' for 'ocli hd tickets get-ticket'",
                "Run 'ocli hd tickets get-ticket --help' for usage.");
        assertUsage(daemon.run("hd", "tickets", "create-ticket", "--body", "{}"),
                "ocli: missing required option '--notify' for 'ocli hd tickets create-ticket'",
                "Run 'ocli hd tickets create-ticket --help' for usage.");
        assertUsage(bare.run("catalog", "list", "--format"),
                "ocli: option '--format' needs a value (FORMAT) for 'ocli catalog list'",
                "Run 'ocli catalog list --help' for usage.");
        assertUsage(bare.run("catalog", "list", "--format", "xml"),
                "ocli: invalid value for option '--format': 'xml' is not a format; expected one of json, yaml, pretty, table",
                "Run 'ocli catalog list --help' for usage.");
        assertUsage(bare.run("tool", "schema", "hd", "tickets", "get-ticket", "extra"),
                "ocli: unexpected argument 'extra' for 'ocli tool schema'", "Run 'ocli tool schema --help' for usage.");
    }

    @Test
    void unknownOrMissingCommandUnderAGroupIsAnErrorWithOrWithoutHelp() {
        for (String[] args : List.of(new String[] {"config", "frobnicate"}, new String[] {"config", "frobnicate", "--help"},
                new String[] {"config", "--help", "frobnicate"})) {
            CliResult r = bare.run(args);
            assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("ocli: unknown command 'frobnicate' for 'ocli config'; commands: ")
                    .contains("validate", "show").endsWith("\nRun 'ocli config --help' for usage.\n").hasLineCount(2);
        }
        CliResult missing = bare.run("config");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).startsWith("ocli: missing command for 'ocli config'; commands: ")
                .contains("validate", "show").endsWith("\nRun 'ocli config --help' for usage.\n").hasLineCount(2);
        for (String group : List.of("auth", "audit", "catalog", "runtime", "tool", "workflow")) {
            CliResult r = bare.run(group, "nope", "--help");
            assertThat(r.exitCode()).as(group).isEqualTo(ExitCodes.USAGE);
            assertThat(r.out()).as(group).isEmpty();
            assertThat(r.err()).as(group).startsWith("ocli: unknown command 'nope' for 'ocli " + group + "'; commands: ");
        }
    }

    @Test
    void unknownCommandUnderACatalogGroupOrServiceIsAnError() {
        assertUsage(daemon.run("hd", "tickets", "nope", "--help"),
                "ocli: unknown command 'nope' for 'ocli hd tickets'; commands: list-tickets, get-ticket, create-ticket",
                "Run 'ocli hd tickets --help' for usage.");
        assertUsage(daemon.run("hd", "tickets", "get-tiket", "1"),
                "ocli: unknown command 'get-tiket' for 'ocli hd tickets'; did you mean 'get-ticket'?",
                "Run 'ocli hd tickets --help' for usage.");
        assertUsage(daemon.run("hd", "tickets"),
                "ocli: missing command for 'ocli hd tickets'; commands: list-tickets, get-ticket, create-ticket",
                "Run 'ocli hd tickets --help' for usage.");
        CliResult service = daemon.run("hd", "nope");
        assertThat(service.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(service.err()).startsWith("ocli: unknown command 'nope' for 'ocli hd'; commands: tickets, agents");
        assertThat(runtime.executions()).isEmpty();
    }

    @Test
    void helpCommandShowsTheHelpOfBuiltInAndCatalogCommands() {
        CliResult root = bare.run("help");
        assertThat(root.exitCode()).isZero();
        assertThat(root.out()).isEqualTo(bare.run("--help").out()).contains("Usage: ocli", "Examples:", "Exit codes:");
        CliResult list = bare.run("help", "catalog", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).isEqualTo(bare.run("catalog", "list", "--help").out()).contains("Usage: ocli catalog list");
        CliResult group = daemon.run("help", "hd", "tickets");
        assertThat(group.exitCode()).as(group.err()).isZero();
        assertThat(group.out()).isEqualTo(daemon.run("hd", "tickets", "--help").out()).contains("get-ticket", "create-ticket");
        CliResult demo = bare.run("--demo", "help", "shop", "items", "get-item");
        assertThat(demo.out()).contains("Usage: ocli shop items get-item", "Example:", "  ocli shop items get-item <item-id>");
        assertUsage(daemon.run("help", "hd", "nope"), "ocli: unknown command 'nope' for 'ocli hd'; commands: tickets, agents, files",
                "Run 'ocli hd --help' for usage.");
        assertUsage(bare.run("help", "catalog", "lst"), "ocli: unknown command 'lst' for 'ocli catalog'; did you mean 'list'?",
                "Run 'ocli catalog --help' for usage.");
    }

    @Test
    void echoedWordsAreBoundedAndRetypable() {
        CliResult escape = bare.run("config", "a\u001b[31mb");
        assertThat(escape.err()).startsWith("ocli: unknown command 'a?[31mb' for 'ocli config'").doesNotContain("\u001b");
        CliResult longWord = bare.run("catalog", "list", "--" + "x".repeat(5000));
        assertThat(longWord.err()).contains("'--" + "x".repeat(78) + "…'").doesNotContain("x".repeat(79));
        CliResult spaced = bare.run("--config", "my dir/.cli.json", "catalog", "list", "--bogus");
        assertUsage(spaced, "ocli: unknown option '--bogus' for 'ocli catalog list'",
                "Run 'ocli --config \"my dir/.cli.json\" catalog list --help' for usage.");
    }

    @Test
    void failuresAfterParsingEndWithTheNextThingToTry() {
        CliResult tool = bare.run("--demo", "explain", "shop:nope");
        assertThat(tool.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(tool.err()).startsWith("error: Unknown tool: ")
                .endsWith("Run 'ocli catalog list' or 'ocli search TEXT' to find the tool." + System.lineSeparator());
        CliResult json = bare.run("--demo", "--format", "json", "explain", "shop:nope");
        assertThat(json.err()).startsWith("{").doesNotContain("Run '");
        CliResult noConfig = bare.run("config", "show");
        assertThat(noConfig.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noConfig.err()).endsWith("Run 'ocli init OPENAPI' to write a starter .cli.json, or try 'ocli --demo catalog list'."
                + System.lineSeparator());
    }

    @Test
    void catalogCommandHelpShowsAnExampleWithItsRequiredInputs() {
        assertThat(daemon.run("hd", "tickets", "create-ticket", "--help").out())
                .contains("Example:\n  ocli hd tickets create-ticket --notify NOTIFY --body @body.json\n");
        assertThat(daemon.run("hd", "tickets", "get-ticket", "--help").out())
                .contains("Example:\n  ocli hd tickets get-ticket <ticket-id>\n");
        assertThat(daemon.run("hd", "tickets", "--help").out()).contains("Example:\n  ocli hd tickets list-tickets\n");
        assertThat(daemon.run("hd", "--help").out()).contains("Example:\n  ocli hd tickets list-tickets\n");
    }

    @Test
    void everyBuiltInCommandsHelpShowsAnExample() {
        CommandLine root = OcliLauncher.create(CommandLine.defaultFactory());
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        assertThat(all).hasSizeGreaterThan(20);
        for (CommandLine command : all) {
            // hidden commands (the completion scripts' __complete) are not for people to type
            if (command.getCommandSpec().usageMessage().hidden()) continue;
            String name = command.getCommandSpec().qualifiedName();
            assertThat(command.getCommandSpec().usageMessage().footerHeading()).as(name).contains("Example");
            String help = bare.run((name.substring("ocli".length()).strip() + " --help").strip().split(" ")).out();
            String example = help.substring(help.indexOf("Example")).lines().skip(1).findFirst().orElse("");
            assertThat(example).as(name + " help:\n" + help).startsWith("  ").contains("ocli ");
        }
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    private static void assertUsage(CliResult r, String what, String next) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(what + System.lineSeparator() + next + System.lineSeparator());
    }
}
