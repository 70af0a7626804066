package org.opencli.cli.commands;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ocli completion bash|zsh|fish}: prints the shell's completion script. Needs no runtime. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for bash, zsh or fish.",
                "It completes the built-in commands and options, and the services, groups, commands and flags of "
                        + "the catalog your last ocli call received (kept on disk: completing asks no runtime)."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  source <(ocli completion bash)        # bash: this shell; add it to ~/.bashrc",
                "  ocli completion zsh > ~/.zfunc/_ocli  # zsh: in ~/.zshrc, before compinit:",
                "                                        #   fpath=(~/.zfunc $fpath)",
                "  ocli completion fish > ~/.config/fish/completions/ocli.fish   # fish"})
public class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
    String shell;

    @Override
    public Integer call() {
        String name = switch (shell) {
            case "bash" -> "ocli.bash";
            case "zsh" -> "ocli.zsh";
            case "fish" -> "ocli.fish";
            default -> throw new CliException(ExitCodes.USAGE, "unknown_shell", "Unknown shell",
                    "no completion for '" + shell + "'; choose bash, zsh or fish");
        };
        try (InputStream script = CompletionCommand.class.getResourceAsStream("/completion/" + name)) {
            if (script == null) throw new IOException("missing resource " + name);
            spec.commandLine().getOut().print(new String(script.readAllBytes(), StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
        } catch (IOException e) {
            throw new CliException(ExitCodes.INTERNAL, "completion_unavailable", "Completion script unavailable",
                    "this build of ocli lacks its " + shell + " completion script (" + e.getMessage() + ")");
        }
        return 0;
    }
}
