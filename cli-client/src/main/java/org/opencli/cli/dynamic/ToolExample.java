package org.opencli.cli.dynamic;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The example line of a catalog command's help: its words, its path parameters as
 * {@code <name>}, its required flags and, when required, a request body from a file. A service or
 * group shows the example of its first listed command.
 */
final class ToolExample {
    private ToolExample() {
    }

    static String of(CommandSpec spec) {
        StringBuilder sb = new StringBuilder(spec.qualifiedName());
        for (PositionalParamSpec param : spec.positionalParameters()) sb.append(' ').append(param.paramLabel());
        for (OptionSpec option : spec.options()) {
            // at a terminal picocli is told a required flag is optional (it is prompted for): ask the tool
            boolean required = spec.userObject() instanceof ToolInvocation tool ? tool.requiredByTool(option) : option.required();
            if (!required || option.inherited()) continue;
            String name = option.names()[0];
            sb.append(' ').append(name).append(' ').append(ToolInvocation.BODY_OPTION.equals(name) ? "@body.json" : option.paramLabel());
        }
        return sb.toString();
    }

    /** Gives a service or group node the example of its first visible command, if it has one. */
    static void addToNode(CommandLine node) {
        CommandLine leaf = node;
        while (!leaf.getSubcommands().isEmpty()) {
            CommandLine next = leaf.getSubcommands().values().stream()
                    .filter(sub -> !sub.getCommandSpec().usageMessage().hidden()).findFirst().orElse(null);
            if (next == null) return;
            leaf = next;
        }
        if (leaf != node) node.getCommandSpec().usageMessage().footerHeading("%nExample:%n").footer("  " + DynamicTreeBuilder.escape(of(leaf.getCommandSpec())));
    }
}
