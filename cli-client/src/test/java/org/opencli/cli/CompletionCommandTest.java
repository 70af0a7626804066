package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.cli.support.FakeRuntime;

/** {@code ocli completion} and the {@code ocli __complete} its scripts call (bash itself drives them in the cli-completion lane). */
class CompletionCommandTest {
    @TempDir
    Path dir;
    FakeRuntime runtime;
    CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        runtime = new FakeRuntime().withEntityTags();
        cli = new CliRunner(Map.of(), dir);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    /** {@code ocli __complete -- --runtime URL --state-dir S WORD...}: the candidates, the directive line first. */
    private List<String> complete(String... words) {
        Stream<String> target = Stream.of("__complete", "--", "--runtime", runtime.url(), "--state-dir", dir.resolve("state").toString());
        CliResult r = cli.run(Stream.concat(target, Stream.of(words)).toArray(String[]::new));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        return r.out().lines().toList();
    }

    @Test
    void helpShowsHowToInstallForEachShell() {
        CliResult help = cli.run("completion", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Examples:", "source <(ocli completion bash)", "ocli completion zsh > ~/.zfunc/_ocli",
                "fpath=(~/.zfunc $fpath)", "ocli completion fish > ~/.config/fish/completions/ocli.fish");
        assertThat(cli.run("--help").out()).contains("completion").doesNotContain("__complete");
    }

    @Test
    void printsEachShellsScriptAndRefusesOtherShells() {
        assertThat(cli.run("completion", "bash").out()).contains("complete -F _ocli_complete ocli", "__complete --");
        assertThat(cli.run("completion", "zsh").out()).startsWith("#compdef ocli").contains("compdef _ocli ocli");
        assertThat(cli.run("completion", "fish").out()).contains("complete -c ocli");
        CliResult tcsh = cli.run("completion", "tcsh");
        assertThat(tcsh.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tcsh.err()).contains("tcsh", "bash, zsh or fish");
    }

    @Test
    void serviceWordsComeFromTheKeptCopyWithoutAskingTheRuntime() {
        assertThat(complete("h")).containsExactly(":words", "help");
        assertThat(cli.run("--runtime", runtime.url(), "--state-dir", dir.resolve("state").toString(), "catalog", "list").exitCode()).isZero();
        int requests = runtime.requestsSeen();
        assertThat(complete("h")).containsExactlyInAnyOrder(":words", "hd", "help");
        assertThat(complete("hd", "t")).containsExactly(":words", "tickets");
        assertThat(complete("hd", "tickets", "get-ticket", "--dry")).containsExactly(":words", "--dry-run");
        assertThat(complete("hd", "tickets", "get-ticket", "--output", "")).containsExactly(":files");
        assertThat(complete("--format", "p")).containsExactly(":words", "pretty");
        assertThat(complete("nosuch", "t")).containsExactly(":words");
        assertThat(runtime.requestsSeen()).as("completion sends no request").isEqualTo(requests);
    }

    /** {@code ocli __complete -- --state-dir S WORD...} in {@code cwd}: no runtime named, so embedded. */
    private List<String> completeEmbedded(Path cwd, String... words) {
        Stream<String> target = Stream.of("__complete", "--", "--state-dir", dir.resolve("state").toString());
        CliResult r = new CliRunner(Map.of(), cwd).run(Stream.concat(target, Stream.of(words)).toArray(String[]::new));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        return r.out().lines().toList();
    }

    @Test
    void anEmbeddedCallKeepsTheCopyCompletionReads() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("tickets.yaml"), """
                openapi: 3.0.3
                info: {title: Helpdesk, version: "1"}
                paths:
                  /tickets:
                    get:
                      operationId: listTickets
                      tags: [tickets]
                      parameters: [{name: status, in: query, schema: {type: string}}]
                      responses: {"200": {description: ok}}
                """);
        CliRunner inProject = new CliRunner(Map.of(), project);
        String state = dir.resolve("state").toString();
        assertThat(inProject.run("--state-dir", state, "init", "tickets.yaml").exitCode()).isZero();
        assertThat(completeEmbedded(project, "helpdesk", "t")).as("no call yet: no copy, only the built-ins").containsExactly(":words");

        CliResult list = inProject.run("--state-dir", state, "catalog", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(completeEmbedded(project, "he")).containsExactlyInAnyOrder(":words", "helpdesk", "help");
        assertThat(completeEmbedded(project, "helpdesk", "t")).containsExactly(":words", "tickets");
        assertThat(completeEmbedded(project, "helpdesk", "tickets", "list-tickets", "--st")).contains("--status");
        assertThat(completeEmbedded(project, "--mode", "discover", "helpdesk", "t"))
                .as("a context never fetched offers the catalog the instance last received").containsExactly(":words", "tickets");

        // the copy names the project's config: breaking the config afterwards shows completion builds nothing
        Files.writeString(project.resolve(".cli.json"), "{ not json");
        assertThat(completeEmbedded(project, "helpdesk", "t")).containsExactly(":words", "tickets");
    }

    @Test
    void aDemoCallKeepsTheCopyForDemoCompletion() {
        assertThat(completeEmbedded(dir, "--demo", "s")).doesNotContain("shop");
        assertThat(cli.run("--state-dir", dir.resolve("state").toString(), "--demo", "catalog", "list").exitCode()).isZero();
        assertThat(completeEmbedded(dir, "--demo", "s")).contains("shop");
        assertThat(completeEmbedded(dir, "--demo", "shop", "i")).containsExactly(":words", "items");
    }
}
