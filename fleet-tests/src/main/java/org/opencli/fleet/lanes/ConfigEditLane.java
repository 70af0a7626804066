package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;

/**
 * A new project set up as docs/quickstart.md and docs/cli.md show, with bin/ocli as typed: init
 * from an OpenAPI file, add a source and secrets, remove a source; an edit that would leave the
 * config invalid is refused with the file left byte for byte; a broken file is named by line and
 * column once.
 */
public final class ConfigEditLane implements Lane {

    @Override
    public void run(LaneContext ctx) throws Exception {
        Path fixture = ctx.fixture("tickets");
        Path project = Files.createDirectories(ctx.workDir().resolve("project"));
        Files.copy(fixture.resolve("helpdesk.openapi.yaml"), project.resolve("helpdesk.openapi.yaml"));
        Path config = project.resolve(".cli.json");

        ProcResult init = ctx.ocliIn(project, Map.of(), "init", "helpdesk.openapi.yaml");
        ctx.check("init writes .cli.json and names the tool count", init.exitCode() == 0 && Files.isRegularFile(config)
                && init.stdout().matches("(?s)wrote .*\\(service '[a-z0-9-]+', \\d+ tools; try: ocli .*"), init.stdout() + init.stderr());

        ProcResult add = ctx.ocliIn(project, Map.of(), "config", "add-source", "billing", "--type", "openapi",
                "--uri", "./helpdesk.openapi.yaml", "--service", "billing", "--alias", "bill");
        JsonNode afterAdd = ctx.json(Files.readString(config));
        ctx.check("add-source (space form) adds the source and its service",
                add.exitCode() == 0 && "billing".equals(afterAdd.path("services").path("billing").path("source").asText())
                        && "bill".equals(afterAdd.path("services").path("billing").path("alias").asText()),
                add.stdout() + add.stderr());
        ProcResult addEq = ctx.ocliIn(project, Map.of(), "config", "add-source", "crm", "--type=openapi",
                "--uri=./helpdesk.openapi.yaml", "--service=crm");
        ctx.check("add-source (= form) works too", addEq.exitCode() == 0 && ctx.json(Files.readString(config)).path("sources").has("crm"),
                addEq.stdout() + addEq.stderr());

        ProcResult secret = ctx.ocliIn(project, Map.of(), "config", "add-secret", "billing.bearerAuth", "--type", "env",
                "--value", "BILLING_TOKEN");
        ProcResult exec = ctx.ocliIn(project, Map.of(), "config", "add-secret", "vault", "--type=exec", "--", "vault", "kv", "get",
                "-field=token", "secret/api");
        JsonNode secrets = ctx.json(Files.readString(config)).path("secrets");
        ctx.check("add-secret writes env and exec references",
                secret.exitCode() == 0 && exec.exitCode() == 0
                        && "BILLING_TOKEN".equals(secrets.path("billing.bearerAuth").path("value").asText())
                        && secrets.path("vault").path("command").size() == 5, secrets.toString());

        ProcResult dup = ctx.ocliIn(project, Map.of(), "config", "add-source", "crm", "--type", "openapi", "--uri", "x.yaml");
        ctx.check("a duplicate source name is exit 2 naming it", dup.exitCode() == 2 && dup.stderr().contains("source 'crm' is already in"),
                "exit " + dup.exitCode() + ": " + dup.stderr());

        ProcResult remove = ctx.ocliIn(project, Map.of(), "config", "remove-source", "crm");
        ctx.check("remove-source removes the source and says which service went with it",
                remove.exitCode() == 0 && remove.stdout().contains("and the service 'crm' over it")
                        && !ctx.json(Files.readString(config)).path("services").has("crm"), remove.stdout() + remove.stderr());
        ProcResult unknown = ctx.ocliIn(project, Map.of(), "config", "remove-source", "nope");
        ctx.check("remove-source of an unknown name is exit 3 naming the existing ones",
                unknown.exitCode() == 3 && unknown.stderr().contains("its sources: "), unknown.stderr());

        byte[] before = Files.readAllBytes(config);
        ProcResult invalid = ctx.ocliIn(project, Map.of(), "config", "add-secret", "half", "--type", "oauth2",
                "--oauth2-mode", "authorizationCode");
        ctx.check("an edit leaving the config invalid is exit 2 naming file and JSON path, the file byte-identical",
                invalid.exitCode() == 2 && invalid.stderr().contains(config + ": $.secrets.half")
                        && Arrays.equals(before, Files.readAllBytes(config)), "exit " + invalid.exitCode() + ": " + invalid.stderr());

        ProcResult valid = ctx.ocliIn(project, Map.of(), "config", "validate");
        ctx.check("the edited config validates", valid.exitCode() == 0, valid.stderr());

        byte[] edited = Files.readAllBytes(config);
        ProcResult missing = ctx.ocliIn(project, Map.of(), "config", "add-source", "bad", "--type", "openapi", "--uri", "./missing.yaml");
        ctx.check("add-source of a missing document is exit 2 naming the source and --uri, nothing written",
                missing.exitCode() == 2 && missing.stderr().contains("(source 'bad' --uri ./missing.yaml not added)")
                        && Arrays.equals(edited, Files.readAllBytes(config)), "exit " + missing.exitCode() + ": " + missing.stderr());
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        ProcResult readOnly = ctx.ocliIn(project, Map.of(), "config", "add-secret", "t", "--type", "env", "--value", "T");
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        ctx.check("a read-only config (mode 0444) is refused, exit 2, even for root",
                readOnly.exitCode() == 2 && readOnly.stderr().contains(config + " is read-only (mode 0444); nothing was changed")
                        && Arrays.equals(edited, Files.readAllBytes(config)), "exit " + readOnly.exitCode() + ": " + readOnly.stderr());

        Files.writeString(config, "{\n  \"cli\": \"1.0.0\"\n  \"mode\": {\"default\": \"discover\"}\n}\n");
        ProcResult broken = ctx.ocliIn(project, Map.of(), "config", "validate");
        ctx.check("a broken config names file, line, column and what was expected once, no parser internals",
                broken.exitCode() == 2 && broken.stderr().contains(config + ": $: not well-formed JSON at line 3, column 3 (expected: ',' or '}')")
                        && broken.stderr().split("line 3, column 3", -1).length == 2 && !broken.stderr().contains("StreamReadFeature"),
                broken.stderr());
    }
}
