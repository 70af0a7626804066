package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.runtime.HttpRuntimeClient;
import org.opencli.cli.runtime.RuntimeProbe;
import org.opencli.core.instance.RegistryEntry;
import org.opencli.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocli runtime stop}: {@code POST /v1/runtime/stop} to the daemon a call would use. A local
 * daemon (found in the registry) is waited for until its process has ended, at most {@code --timeout}
 * seconds; a remote one is only asked. Never starts anything: with no daemon there is nothing to stop.
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli runtime stop", "  ocli runtime stop --timeout 60 --format json"},
        description = "Stop the daemon this CLI talks to: it finishes the calls it is running, then exits.")
public class RuntimeStopCommand extends BaseCommand {
    static final int MAX_TIMEOUT_SECONDS = 600;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for a local daemon's process to end (1.." + MAX_TIMEOUT_SECONDS + ", default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new CliException(ExitCodes.USAGE, "invalid_option", "Invalid option",
                    "--timeout must be 1.." + MAX_TIMEOUT_SECONDS + " seconds, not " + timeoutSeconds);
        }
        RuntimeProbe probe = RuntimeProbe.of(session().resolver(), session().options());
        HttpRuntimeClient client = probe.daemonClient(session().resolver(), "stop", "nothing to stop");
        Optional<RegistryEntry> local = probe.daemon();
        // the handle is taken before the stop: once the daemon ended, its pid may be given to another program
        Optional<ProcessHandle> process = local.flatMap(e -> ProcessHandle.of(e.pid()));
        JsonNode answer;
        try {
            answer = client.stopRuntime();
        } catch (CliException dropped) {
            // a daemon that exits as soon as it answered may close the connection before the answer is read:
            // for a local daemon its process ending is the answer
            String code = dropped.problem().code();
            boolean noAnswer = "runtime_unreachable".equals(code) || "runtime_answer_lost".equals(code);
            if (!noAnswer || process.isEmpty() || !ended(process)) throw dropped;
            answer = Json.MAPPER.createObjectNode().put("stopped", true);
        }
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("stopped", answer.path("stopped").asBoolean(false));
        json.put("url", client.location());
        if (local.isEmpty()) {
            json.putNull("pid");
            json.putNull("ended");
            output().writeStatus(json, "asked the runtime at " + client.location() + " to stop (not on this machine: not waited for)");
            return 0;
        }
        long pid = local.get().pid();
        json.put("pid", pid);
        if (!ended(process)) {
            throw new CliException(ExitCodes.INTERNAL, "runtime_still_running", "Daemon still running",
                    "the daemon at " + client.location() + " (pid " + pid + ") accepted the stop but is still running after "
                            + timeoutSeconds + " s (it finishes running calls first); see 'ocli status', wait longer with "
                            + "'ocli runtime stop --timeout SECONDS', or end it with 'kill " + pid + "'");
        }
        json.put("ended", true);
        output().writeStatus(json, "stopped oclird at " + client.location() + " (pid " + pid + ")");
        return 0;
    }

    private boolean ended(Optional<ProcessHandle> process) {
        if (process.isEmpty()) return true;
        try {
            process.get().onExit().get(timeoutSeconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.get().isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.get().isAlive();
        }
    }
}
