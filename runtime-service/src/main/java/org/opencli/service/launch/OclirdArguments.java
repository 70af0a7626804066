package org.opencli.service.launch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The daemon's command line, turned into config properties before Quarkus starts (the HTTP
 * address must be known before the server binds).
 */
public final class OclirdArguments {
    static final String USAGE = String.join("\n",
            "Usage: oclird [--config FILE] [--addr HOST:PORT] [--instance-id ID] [--state-dir DIR]",
            "              [--audit-path FILE] [--runtime-mode local|remote] [--file-check-interval D]",
            "              [--shutdown-timeout D] [--allow-unauthenticated-remote] [--cache-dir DIR] [--managed]",
            "",
            "Serves the open-cli runtime HTTP API (v1).",
            "  --config FILE       default config for requests that name none",
            "  --addr HOST:PORT    listen address (default 127.0.0.1:0, a free loopback port)",
            "  --instance-id ID    isolate state, cache, audit log and runtime.json under this id",
            "  --state-dir DIR     state root (default $OCLI_STATE_DIR, $XDG_STATE_HOME/oas-cli, ~/.local/state/oas-cli)",
            "  --audit-path FILE   audit log location (default <state>/instances/<id>/audit.log)",
            "  --cache-dir DIR     cache root; the instance's cache is DIR/instances/<id> (default $OCLI_CACHE_DIR, else",
            "                      <state>/instances/<id>/cache when the state root was given, else $XDG_CACHE_HOME/oas-cli",
            "                      or ~/.cache/oas-cli)",
            "  --runtime-mode M    reported runtime mode: local (default) or remote",
            "  --file-check-interval D  how long config and local source files are trusted unchanged before",
            "                      they are looked at again: 500ms, 1s (default), 2m; 0 = on every request",
            "  --shutdown-timeout D  on SIGTERM, how long running executions may take to finish before they are",
            "                      cut off (each is audited either way): 500ms, 30s (default), 2m",
            "  --allow-unauthenticated-remote  serve a non-loopback --addr without runtime.server.auth; only the",
            "                      daemon's own config is served. Without it such a daemon refuses to start",
            "  --managed           started by ocli: with runtime.local.shutdown when-owner-exits the daemon stops",
            "                      once no session holds a lease (see POST /v1/runtime/heartbeat)",
            "  -h, --help          show this help",
            "  -V, --version       show the version");

    private OclirdArguments() {
    }

    /** Thrown for a command line that cannot be used; the message says what and where. */
    public static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    public static Map<String, String> toProperties(String[] args) {
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--config" -> props.put("oclird.config", value != null ? value : next(args, ++i, name));
                case "--instance-id" -> props.put("oclird.instance-id", value != null ? value : next(args, ++i, name));
                case "--state-dir" -> props.put("oclird.state-dir", value != null ? value : next(args, ++i, name));
                case "--audit-path" -> props.put("oclird.audit-path", value != null ? value : next(args, ++i, name));
                case "--cache-dir" -> props.put("oclird.cache-dir", value != null ? value : next(args, ++i, name));
                case "--managed" -> {
                    if (value != null) throw new UsageException("--managed takes no value");
                    props.put("oclird.managed", "true");
                }
                case "--runtime-mode" -> props.put("oclird.runtime-mode", runtimeMode(value != null ? value : next(args, ++i, name)));
                case "--addr" -> putAddress(props, value != null ? value : next(args, ++i, name));
                case "--file-check-interval" -> props.put("oclird.file-check-interval",
                        fileCheckInterval(value != null ? value : next(args, ++i, name)));
                case "--shutdown-timeout" -> {
                    String timeout = shutdownTimeout(value != null ? value : next(args, ++i, name));
                    props.put("oclird.shutdown-timeout", timeout);
                    // Quarkus then waits for the answers to be written: the drain's bound plus a margin
                    props.put("quarkus.shutdown.timeout", shutdownMillis(timeout) + 10_000 + "ms");
                }
                case "--allow-unauthenticated-remote" -> {
                    if (value != null) throw new UsageException("--allow-unauthenticated-remote takes no value");
                    props.put("oclird.allow-unauthenticated-remote", "true");
                }
                default -> throw new UsageException("unknown option '" + arg + "' (expected one of --config, --addr, "
                        + "--instance-id, --state-dir, --audit-path, --runtime-mode, --file-check-interval, --shutdown-timeout, "
                        + "--allow-unauthenticated-remote, --cache-dir, --managed, --help, --version)");
            }
        }
        return props;
    }

    private static String next(String[] args, int i, String name) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException("option " + name + " needs a value");
        }
        return args[i];
    }

    private static String runtimeMode(String value) {
        if (!value.equals("local") && !value.equals("remote")) {
            throw new UsageException("--runtime-mode: '" + value + "' is not valid (expected local or remote)");
        }
        return value;
    }

    /** A whole number with ms, s or m; "0" alone means every request. Returned in Quarkus' duration form. */
    private static String fileCheckInterval(String value) {
        if (value.equals("0")) return "0s";
        if (!value.matches("[0-9]{1,9}(ms|s|m)")) {
            throw new UsageException("--file-check-interval: '" + value + "' is not valid (expected a whole number with"
                    + " ms, s or m, e.g. 500ms or 1s; 0 looks at the files on every request)");
        }
        return value;
    }

    /** A whole number with ms, s or m, at most an hour; returned in Quarkus' duration form. */
    private static String shutdownTimeout(String value) {
        long millis = shutdownMillis(value);
        if (millis < 0 || millis > 3_600_000L) {
            throw new UsageException("--shutdown-timeout: '" + value + "' is not valid (expected a whole number with"
                    + " ms, s or m up to 60m, e.g. 500ms or 30s)");
        }
        return value;
    }

    /** Milliseconds of a whole number with ms, s or m; -1 when it is not one. */
    private static long shutdownMillis(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,7})(ms|s|m)").matcher(value);
        if (!m.matches()) return -1;
        return Long.parseLong(m.group(1)) * switch (m.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1000L;
            default -> 60_000L;
        };
    }

    private static void putAddress(Map<String, String> props, String addr) {
        int colon = addr.lastIndexOf(':');
        if (colon <= 0 || colon == addr.length() - 1) {
            throw new UsageException("--addr: '" + addr + "' is not valid (expected HOST:PORT, e.g. 127.0.0.1:8765)");
        }
        String host = addr.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        String port = addr.substring(colon + 1);
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new UsageException("--addr: port '" + port + "' is not a number (expected 0-65535)");
        }
        if (number < 0 || number > 65535) {
            throw new UsageException("--addr: port " + number + " is out of range (expected 0-65535)");
        }
        props.put("quarkus.http.host", host);
        props.put("quarkus.http.port", port);
    }
}
