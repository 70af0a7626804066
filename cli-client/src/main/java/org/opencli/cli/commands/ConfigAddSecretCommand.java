package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.config.ConfigFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocli config add-secret NAME --type env|file|osKeychain|exec|oauth2 ...}. A secret entry is
 * a reference (a variable name, a path, a keychain item, a command, an OAuth client); nothing here
 * reads or prints a secret's bytes.
 */
@Command(name = "add-secret", mixinStandardHelpOptions = true,
        description = {"Add a secret reference to the project config (secrets.NAME).",
                "env, file, osKeychain: --value names the variable, file or keychain item. exec: the command after '--'.",
                "oauth2: --oauth2-mode and its endpoints; --client-id/--client-secret take TYPE:VALUE (env:, file:, osKeychain:, literal:).",
                "The runtime looks a scheme's secret up as secrets[\"<service>.<scheme>\"], then secrets[\"<scheme>\"].",
                "The result is validated like 'ocli config validate' before it is written; an invalid result is not written."},
        footerHeading = "%nExamples:%n",
        footer = {"  ocli config add-secret tickets.bearerAuth --type env --value TICKETS_TOKEN",
                "  ocli config add-secret apiKey --type=file --value=./api-key.txt",
                "  ocli config add-secret vault --type exec -- pass show api/token",
                "  ocli config add-secret gh.oauth --type oauth2 \\",
                "      --oauth2-mode clientCredentials --token-url https://auth.example.com/token \\",
                "      --client-id env:GH_CLIENT_ID --client-secret env:GH_CLIENT_SECRET"})
public class ConfigAddSecretCommand extends ConfigEditCommand {
    static final List<String> TYPES = List.of("env", "file", "osKeychain", "exec", "oauth2");

    @Parameters(index = "0", paramLabel = "NAME", description = "Secret name (the key under 'secrets'), e.g. <service>.<scheme>.")
    String name;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "exec only: the command and its arguments, after '--'.")
    List<String> command = new ArrayList<>();

    @Option(names = "--type", required = true, paramLabel = "TYPE", completionCandidates = SecretTypes.class,
            description = "env, file, osKeychain, exec or oauth2.")
    String type;

    @Option(names = "--value", paramLabel = "VALUE",
            description = "env: the variable's name; file: the file's path; osKeychain: the item's name.")
    String value;

    @Option(names = "--force", description = "Replace an existing secret of this name.")
    boolean force;

    @ArgGroup(exclusive = false, heading = "%noauth2 options:%n")
    OAuth2Options oauth2;

    @Override
    public Integer call() {
        if (!TYPES.contains(type)) {
            throw new CliException(ExitCodes.USAGE, "invalid_arguments", "Invalid secret type",
                    "--type " + type + " is not one of " + String.join(", ", TYPES));
        }
        requireName("NAME", name);
        requireFitting();
        return edit(this::addTo);
    }

    /** Options of another type are mistakes worth naming as typed, before any JSON path. */
    private void requireFitting() {
        if (!"oauth2".equals(type) && oauth2 != null) {
            List<String> given = oauth2OptionsGiven();
            refuse(String.join(", ", given) + (given.size() == 1 ? " applies" : " apply") + " to --type oauth2 only");
        }
        if (!"exec".equals(type) && !command.isEmpty()) refuse("a command (after '--') applies to --type exec only");
        boolean takesValue = !"exec".equals(type) && !"oauth2".equals(type);
        if (!takesValue && value != null) refuse("--value does not apply to --type " + type);
        if (takesValue && value == null) refuse("--type " + type + " needs --value");
        if ("exec".equals(type) && command.isEmpty()) refuse("--type exec needs the command after '--'");
        if ("oauth2".equals(type) && (oauth2 == null || oauth2.mode == null)) refuse("--type oauth2 needs --oauth2-mode (clientCredentials or authorizationCode)");
    }

    private String addTo(ConfigFile file) {
        ObjectNode secrets = file.section("secrets");
        if (secrets.has(name) && !force) {
            throw new CliException(ExitCodes.USAGE, "secret_exists", "Secret exists",
                    "secret '" + name + "' is already in " + file.path() + " (use --force to replace it)");
        }
        ObjectNode secret = secrets.objectNode().put("type", type);
        if (value != null) secret.put("value", value);
        if (!command.isEmpty()) command.forEach(secret.putArray("command")::add);
        if (oauth2 != null) oauth2.writeTo(secret);
        boolean replaced = secrets.has(name);
        secrets.set(name, secret);
        String note = "exec".equals(type) && !file.root().path("policy").path("allowExecSecrets").asBoolean(false)
                ? " (exec secrets run only with policy.allowExecSecrets: true)" : "";
        return (replaced ? "replaced" : "added") + " secret '" + name + "' (" + type + ")" + note;
    }

    /** The oauth2 options on the command line, as typed (their longest names), in order. */
    private List<String> oauth2OptionsGiven() {
        List<String> given = new ArrayList<>();
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (option.group() != null && !given.contains(option.longestName())) given.add(option.longestName());
        }
        return given;
    }

    private static void refuse(String why) {
        throw new CliException(ExitCodes.USAGE, "invalid_arguments", "Invalid secret options", why);
    }

    /** Shell completion and help list the secret types. */
    static final class SecretTypes implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TYPES.iterator();
        }
    }
}
