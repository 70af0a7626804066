package org.opencli.cli.init;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.json.Json;

/**
 * The MCP server {@code ocli init --type mcp} was given: a transport ({@code stdio} with command,
 * args and env, or {@code streamable-http} / {@code sse} with url, headers and header secrets),
 * checked for the fields its transport takes before anything is written — the same rules the config
 * applies to {@code sources.<id>.transport}.
 */
public record McpServerSpec(String transport, String command, List<String> args, Map<String, String> env, String url,
        Map<String, String> headers, Map<String, String> headerSecrets) {

    public static final List<String> TRANSPORTS = List.of("stdio", "streamable-http", "sse");
    /** Launchers whose first plain argument, not their own name, says which server runs. */
    private static final Set<String> LAUNCHERS = Set.of("npx", "bunx", "uvx", "pipx", "node", "deno", "python", "python3", "docker");

    public McpServerSpec {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : new LinkedHashMap<>(env);
        headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
        headerSecrets = headerSecrets == null ? Map.of() : new LinkedHashMap<>(headerSecrets);
    }

    /** Throws a usage error naming the option that does not fit the transport, or is missing. */
    public McpServerSpec checked() {
        if (transport == null) throw usage("--type mcp needs --transport " + String.join("|", TRANSPORTS));
        if (!TRANSPORTS.contains(transport)) {
            throw usage("--transport " + transport + " is not one of " + String.join(", ", TRANSPORTS));
        }
        if (stdio()) {
            if (blank(command)) throw usage("--transport stdio needs --command (the program that starts the MCP server)");
            refuse(url != null, "--url");
            refuse(!headers.isEmpty(), "--header");
            refuse(!headerSecrets.isEmpty(), "--header-secret");
        } else {
            if (blank(url)) throw usage("--transport " + transport + " needs --url (the MCP server's endpoint)");
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw usage("--url " + url + " is not an http(s) URL");
            }
            refuse(command != null, "--command");
            refuse(!args.isEmpty(), "--args");
            refuse(!env.isEmpty(), "--env");
        }
        return this;
    }

    public boolean stdio() {
        return "stdio".equals(transport);
    }

    /** {@code sources.<id>.transport}: only the fields this transport takes, empty maps left out. */
    public ObjectNode transportJson() {
        ObjectNode t = Json.MAPPER.createObjectNode().put("type", transport);
        if (stdio()) {
            t.put("command", command);
            if (!args.isEmpty()) args.forEach(t.putArray("args")::add);
            if (!env.isEmpty()) env.forEach(t.putObject("env")::put);
        } else {
            t.put("url", url);
            if (!headers.isEmpty()) headers.forEach(t.putObject("headers")::put);
            if (!headerSecrets.isEmpty()) headerSecrets.forEach(t.putObject("headerSecrets")::put);
        }
        return t;
    }

    /** What the report names as the source: the command line, or the URL. */
    public String location() {
        if (!stdio()) return url;
        List<String> words = new ArrayList<>();
        words.add(command);
        words.addAll(args);
        return String.join(" ", words);
    }

    /**
     * The service id when {@code --name} is not given: the server program's name (for a launcher
     * such as {@code npx}, its first plain argument, without scope, version or extension), or the
     * URL's host; {@code mcp} when nothing usable is left (an IP address, localhost).
     */
    public String defaultServiceId() {
        String name = stdio() ? programName() : hostName();
        String slug = StarterConfig.slug(name);
        return slug != null ? slug : "mcp";
    }

    private String programName() {
        String program = lastSegment(command);
        if (!LAUNCHERS.contains(program)) return stripExtension(program);
        for (String arg : args) {
            if (arg.startsWith("-")) continue;
            String plain = arg.startsWith("@") ? arg.substring(1) : arg;
            int version = plain.indexOf('@');
            if (version > 0) plain = plain.substring(0, version);
            return stripExtension(lastSegment(plain));
        }
        return program;
    }

    private String hostName() {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (host == null || host.equals("localhost") || host.matches("[0-9.]+") || host.contains(":")) return null;
        String[] labels = host.split("\\.");
        for (String label : labels) {
            if (!label.equals("www") && !label.equals("mcp") && !label.equals("api")) return label;
        }
        return labels[0];
    }

    private static String lastSegment(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private void refuse(boolean present, String option) {
        if (present) {
            throw usage(option + " does not apply to --transport " + transport + " ("
                    + (stdio() ? "stdio takes --command, --args, --env" : transport + " takes --url, --header, --header-secret") + ")");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static CliException usage(String detail) {
        return new CliException(ExitCodes.USAGE, "invalid_arguments", "Invalid MCP server", detail);
    }
}
