package org.opencli.cli.dynamic;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help for catalog-built commands: the tool's own parameters first and alone, the global options
 * only named in one line, so a tool's two flags are not lost among nine inherited ones.
 */
final class DynamicHelp {
    private static final String GLOBAL_SECTION = "globalOptions";

    private DynamicHelp() {
    }

    static void apply(CommandLine line, boolean hasSubcommands) {
        CommandSpec spec = line.getCommandSpec();
        spec.usageMessage().customSynopsis(synopsis(spec, hasSubcommands));
        line.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, DynamicHelp::ownOptions);
        line.getHelpSectionMap().put(GLOBAL_SECTION, DynamicHelp::globalOptions);
        List<String> keys = new java.util.ArrayList<>(line.getHelpSectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1, GLOBAL_SECTION);
        line.setHelpSectionKeys(keys);
    }

    private static String synopsis(CommandSpec spec, boolean hasSubcommands) {
        StringBuilder sb = new StringBuilder(spec.qualifiedName()).append(" [OPTIONS]");
        for (PositionalParamSpec p : spec.positionalParameters()) sb.append(' ').append(p.paramLabel());
        if (hasSubcommands) sb.append(" COMMAND");
        return escape(sb.toString());
    }

    private static String ownOptions(Help help) {
        Help.Layout layout = help.createDefaultLayout();
        Help.IParamLabelRenderer labels = help.createDefaultParamLabelRenderer();
        for (OptionSpec o : own(help.commandSpec())) layout.addOption(o, labels);
        return layout.toString();
    }

    private static String globalOptions(Help help) {
        String names = help.commandSpec().options().stream().filter(OptionSpec::inherited).filter(o -> !o.hidden())
                .map(OptionSpec::longestName).collect(Collectors.joining(" "));
        return names.isEmpty() ? "" : "Global options (see 'ocli --help'): " + names + System.lineSeparator();
    }

    private static List<OptionSpec> own(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.inherited() && !o.hidden()).toList();
    }

    private static String escape(String text) {
        return text.replace("%", "%%");
    }
}
