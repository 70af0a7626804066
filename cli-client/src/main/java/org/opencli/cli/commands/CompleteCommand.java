package org.opencli.cli.commands;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.opencli.cli.OcliCommand;
import org.opencli.cli.completion.CompletionCandidates;
import org.opencli.cli.dynamic.DynamicCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ocli __complete -- WORD... CURRENT}: what the completion scripts call. Prints
 * {@code :words} and one candidate per line, or {@code :files} when a file name is expected. Service
 * words come from the kept catalog copy only (no runtime is asked or started, so it answers at
 * once); any failure prints nothing and exits 0, so a shell never shows an error mid-line.
 */
@Command(name = "__complete", hidden = true, description = "Completion candidates for the shell scripts (internal).")
public class CompleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "WORD", description = "The words after 'ocli', the last one being completed.")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() {
        try {
            List<String> typed = words.isEmpty() ? List.of() : words.subList(0, words.size() - 1);
            String current = words.isEmpty() ? "" : words.get(words.size() - 1);
            CommandLine root = spec.root().commandLine();
            DynamicCommands.attachKept(root, typed.toArray(String[]::new),
                    ((OcliCommand) spec.root().userObject()).session().resolver());
            CompletionCandidates candidates = CompletionCandidates.of(root, typed, current);
            StringBuilder out = new StringBuilder(candidates.files() ? ":files\n" : ":words\n");
            candidates.words().forEach(w -> out.append(w).append('\n'));
            PrintWriter writer = spec.commandLine().getOut();
            writer.print(out);
            writer.flush();
        } catch (RuntimeException | LinkageError e) {
            // completion stays silent: no candidates rather than an error in the middle of a line
        }
        return 0;
    }
}
