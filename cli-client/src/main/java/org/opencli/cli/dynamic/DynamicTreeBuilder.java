package org.opencli.cli.dynamic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencli.cli.BuiltinCommands;
import org.opencli.cli.OcliCommand;
import org.opencli.cli.catalog.CatalogView;
import org.opencli.cli.catalog.SchemaSummary;
import org.opencli.cli.catalog.ToolText;
import org.opencli.cli.output.VisibleText;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Adds {@code <alias> <group> <command>} subcommands for the selected view's tools to the root
 * (all of them, or only the part a command line names).
 * Levels are attached top-down so each picks up the root's inherited global options. Hidden tools
 * are left out of help listings but still run. A service alias equal to a built-in command is
 * skipped (the built-in wins).
 */
public final class DynamicTreeBuilder {
    private final CommandLine root;
    private final CatalogView catalog;
    private final boolean prompts;

    public DynamicTreeBuilder(CommandLine root, CatalogView catalog) {
        this.root = root;
        this.catalog = catalog;
        // At a terminal a missing required path argument or flag is asked for (ToolInvocation), so
        // picocli must not refuse it first; anywhere else it stays picocli's usage error (exit 2).
        this.prompts = root.getCommand() instanceof OcliCommand ocli && ocli.console().interactive();
    }

    /** The whole tree: every service, group and tool. */
    public void build() {
        build(null);
    }

    /**
     * Only the part of the tree the typed words need ({@code <alias> <group> <command>}, null: all):
     * every service is named (for the root's listing and suggestions), the typed service gets its
     * groups, the typed group gets its tools, or just the typed tool when one matches by name or
     * alias. Listings at the typed level stay complete; the rest of a large catalog costs nothing.
     */
    public void build(List<String> typed) {
        Map<String, Map<String, List<JsonNode>>> tree = new LinkedHashMap<>();
        for (JsonNode tool : catalog.tools()) {
            tree.computeIfAbsent(catalog.alias(tool), a -> new LinkedHashMap<>())
                    .computeIfAbsent(tool.path("group").asText("misc"), g -> new ArrayList<>()).add(tool);
        }
        tree.forEach((alias, groups) -> {
            if (BuiltinCommands.isBuiltin(alias) || root.getSubcommands().containsKey(alias)) return;
            CommandLine service = node(root, alias, serviceDescription(groups));
            if (!selected(typed, 0, alias)) return;
            // the service's own help shows an example from its first listed group, so that one is built too
            String exampleGroup = typed != null && typed.size() == 1 ? firstListedGroup(groups) : null;
            groups.forEach((group, tools) -> {
                CommandLine groupLine = node(service, group, groupDescription(tools));
                // a group of hidden tools is itself left out of listings
                groupLine.getCommandSpec().usageMessage().hidden(tools.stream().allMatch(CatalogView::hidden));
                if (!selected(typed, 1, group) && !group.equals(exampleGroup)) return;
                List<JsonNode> named = typed == null || typed.size() < 3 ? List.of()
                        : tools.stream().filter(tool -> namedBy(tool, typed.get(2))).toList();
                (named.isEmpty() ? tools : named).forEach(tool -> addTool(groupLine, tool));
                ToolExample.addToNode(groupLine);
            });
            ToolExample.addToNode(service);
        });
        // picocli copies this setting to the subcommands present when it is set: hand the root's on
        // to the ones just added (so "--body @file" stays the option's value everywhere)
        root.setExpandAtFiles(root.isExpandAtFiles());
    }

    private static String firstListedGroup(Map<String, List<JsonNode>> groups) {
        return groups.entrySet().stream().filter(g -> !g.getValue().stream().allMatch(CatalogView::hidden))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static boolean selected(List<String> typed, int level, String name) {
        return typed == null || typed.size() > level && typed.get(level).equals(name);
    }

    private static boolean namedBy(JsonNode tool, String word) {
        if (word.equals(tool.path("command").asText())) return true;
        for (JsonNode alias : tool.path("aliases")) {
            if (word.equals(alias.asText())) return true;
        }
        return false;
    }

    private CommandLine node(CommandLine parent, String name, String[] description) {
        NodeCommand command = new NodeCommand();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name).mixinStandardHelpOptions(true);
        spec.usageMessage().description(description).synopsisSubcommandLabel("COMMAND");
        CommandLine line = new CommandLine(spec);
        command.bind(line);
        parent.addSubcommand(name, line);
        inheritStreams(parent, line);
        DynamicHelp.apply(line, true);
        return line;
    }

    private void addTool(CommandLine group, JsonNode tool) {
        String toolId = tool.path("id").asText();
        ToolInvocation invocation = new ToolInvocation(tool);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(invocation).name(tool.path("command").asText())
                .mixinStandardHelpOptions(true);
        List<String> aliases = new ArrayList<>();
        tool.path("aliases").forEach(a -> aliases.add(a.asText()));
        spec.aliases(aliases.toArray(String[]::new));
        spec.usageMessage().hidden(CatalogView.hidden(tool)).description(toolDescription(tool));
        CommandLine line = new CommandLine(spec);
        group.addSubcommand(spec.name(), line, spec.aliases());
        inheritStreams(group, line);
        invocation.bind(spec);
        addExecutionOptions(spec);

        int index = 0;
        for (JsonNode param : tool.path("pathParams")) {
            spec.addPositional(PositionalParamSpec.builder().index(String.valueOf(index++)).arity("1").required(!prompts)
                    .type(String.class).paramLabel("<" + param.path("name").asText() + ">")
                    .description(escape(paramDescription(param))).build());
        }
        for (JsonNode flag : tool.path("flags")) {
            String[] names = optionNames(spec, flag);
            if (names.length == 0) continue;
            FlagSchema schema = FlagSchema.of(flag.path("schema"));
            boolean array = schema.isArray();
            OptionSpec.Builder builder = OptionSpec.builder(names).arity("1");
            // an enum's values (of the items, for an array) are what shell completion offers
            JsonNode enums = schema.enumValues() != null ? schema.enumValues()
                    : schema.items() != null ? schema.items().enumValues() : null;
            if (enums != null) {
                List<String> values = new ArrayList<>();
                enums.forEach(v -> values.add(v.asText()));
                builder.completionCandidates(values);
            }
            if (array) builder.type(List.class).auxiliaryTypes(String.class);
            else builder.type(String.class);
            OptionSpec option = builder
                    .required(flag.path("required").asBoolean(false) && !prompts)
                    .paramLabel(flag.path("name").asText().toUpperCase(java.util.Locale.ROOT).replace('-', '_'))
                    .description(escape(paramDescription(flag))).build();
            spec.addOption(option);
            invocation.mapFlag(option, flag);
        }
        if (tool.hasNonNull("requestBody") && spec.findOption(ToolInvocation.BODY_OPTION) == null) {
            boolean required = tool.path("requestBody").path("required").asBoolean(false);
            OptionSpec body = OptionSpec.builder(ToolInvocation.BODY_OPTION).type(String.class).arity("1").required(required)
                    .paramLabel("JSON|@FILE|-")
                    .description("Request body: inline JSON, @file or - for stdin, at most 10 MiB" + (required ? " (required)" : "") + ".")
                    .build();
            spec.addOption(body);
            invocation.bodyOption(body);
        }
        spec.usageMessage().footerHeading("%nExample:%n").footer(toolFooter(tool, ToolExample.of(spec)));
        DynamicHelp.apply(line, false);
    }

    /** Execution switches; added before the API's flags, so an API flag of the same name is reachable by its other name only. */
    private static void addExecutionOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder(ToolInvocation.APPROVAL_OPTION).type(boolean.class).arity("0")
                .description("Approve a tool marked approval-required (no prompt).").build());
        spec.addOption(OptionSpec.builder(ToolInvocation.DRY_RUN_OPTION).type(boolean.class).arity("0")
                .description("Print the request the runtime would send (credentials redacted) and send nothing.").build());
        spec.addOption(OptionSpec.builder(ToolInvocation.OUTPUT_OPTION).type(String.class).arity("1").paramLabel("FILE")
                .description("Write the response body's bytes, as received, to FILE (checked before the call is sent; a symbolic link is followed, a device written in place).").build());
        spec.addOption(OptionSpec.builder(ToolInvocation.INCLUDE_OPTION, "-i").type(boolean.class).arity("0")
                .description("Print the HTTP status line and the response headers before the body (like curl -i).").build());
    }

    /** {@code --name}, plus {@code --originalName} when different; names already taken (global options) are skipped. */
    private static String[] optionNames(CommandSpec spec, JsonNode flag) {
        List<String> names = new ArrayList<>();
        for (String candidate : new String[] {flag.path("name").asText(), flag.path("originalName").asText("")}) {
            if (candidate.isBlank() || !candidate.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) continue;
            String option = "--" + candidate;
            if (!names.contains(option) && spec.findOption(option) == null) names.add(option);
        }
        return names.toArray(String[]::new);
    }

    private String[] serviceDescription(Map<String, List<JsonNode>> groups) {
        JsonNode first = groups.values().iterator().next().get(0);
        String serviceId = first.path("serviceId").asText();
        String title = catalog.service(serviceId).map(s -> s.path("title").asText("")).orElse("");
        return new String[] {escape(title.isBlank() ? "Service " + serviceId : title), "Service id: " + escape(serviceId)};
    }

    private static String[] groupDescription(List<JsonNode> tools) {
        long visible = tools.stream().filter(t -> !CatalogView.hidden(t)).count();
        return new String[] {visible + (visible == 1 ? " command" : " commands")};
    }

    private static String[] toolDescription(JsonNode tool) {
        List<String> lines = new ArrayList<>();
        String summary = tool.path("summary").asText("");
        lines.add(escape(summary.isBlank() ? tool.path("method").asText() + " " + tool.path("path").asText() : summary));
        String description = tool.path("description").asText("");
        if (!description.isBlank() && !description.strip().equals(summary.strip())) {
            lines.add("");
            for (String line : description.strip().split("\\R")) lines.add(escape(line));
        }
        return lines.toArray(String[]::new);
    }

    private static String[] toolFooter(JsonNode tool, String example) {
        List<String> lines = new ArrayList<>();
        lines.add("  " + escape(example));
        lines.add("");
        lines.add(escape("Tool: " + tool.path("id").asText() + " (" + tool.path("method").asText() + " "
                + tool.path("path").asText() + ")"));
        String body = ToolText.requestBody(tool);
        if (body != null) {
            lines.add(escape("Request body: " + body));
            List<String> fields = SchemaSummary.bodyFields(tool);
            if (!fields.isEmpty()) {
                lines.add("Body fields:");
                fields.forEach(field -> lines.add(escape(field)));
            }
        }
        lines.add("Safety: " + ToolText.safety(tool));
        return lines.toArray(String[]::new);
    }

    private static String paramDescription(JsonNode param) {
        StringBuilder sb = new StringBuilder();
        String description = param.path("description").asText("");
        sb.append(description.isBlank() ? param.path("location").asText("") + " parameter" : description.strip());
        String type = SchemaSummary.type(param.get("schema"));
        if (!type.isEmpty()) sb.append(" [").append(type).append(']');
        String values = SchemaSummary.allowedValues(param.get("schema"));
        if (values != null) sb.append(" (").append(values).append(')');
        if (FlagSchema.of(param.path("schema")).isArray()) sb.append(" (repeatable, or comma-separated)");
        if (param.path("required").asBoolean(false)) sb.append(" (required)");
        return sb.toString();
    }

    /** Subcommands added after the root's writers and help width were set do not pick them up by themselves. */
    private static void inheritStreams(CommandLine parent, CommandLine child) {
        child.setOut(parent.getOut());
        child.setErr(parent.getErr());
        child.setHelpFactory(parent.getHelpFactory());
    }

    /** Picocli formats help text with String.format and expands ${...}; catalog text may contain either. */
    /** Document text in picocli's help: its format markers escaped, its terminal controls shown as {@code ?}. */
    static String escape(String text) {
        return VisibleText.keepingLayout(text).replace("%", "%%").replace("${", "$${");
    }
}
