package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.CatalogJson;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.keycloak.KeycloakFixture;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * A CI job with no file at all: an empty working directory, its own HOME, and the environment —
 * {@code OCLI_RUNTIME_URL} plus {@code OCLI_TOKEN} (a bearer the job got elsewhere), then plus
 * {@code OCLI_CLIENT_ID}/{@code OCLI_CLIENT_SECRET}/{@code OCLI_TOKEN_URL}/{@code OCLI_SCOPES}
 * (client credentials at Keycloak). Each form lists the catalog, calls a tool against the test
 * upstream, runs a workflow and reads the audit; {@code ocli auth status} names the environment
 * as the source. The runtime is {@link SeparateRuntime}.
 */
public final class CiEnvOnlyLane implements Lane {
    private static final String CLIENT = "ocli-ci-bundle";

    @Override
    public void run(LaneContext ctx) throws Exception {
        KeycloakFixture kc = ctx.keycloak();
        try (TestUpstream upstream = TestUpstream.start(0)) {
            SeparateRuntime rt = SeparateRuntime.start(ctx, kc, upstream, "ci-runtime");
            // ocli-ci-bundle: a CI client granted the whole upstream bundle (workflows create tickets)
            String secret = kc.clientSecret(KeycloakFixture.CORP, CLIENT);
            // the job's own bearer, obtained before ocli runs (as a pipeline's OIDC step would)
            String token = kc.clientCredentialsToken(KeycloakFixture.CORP, CLIENT, secret);

            job(ctx, rt, "bearer", Map.of("OCLI_RUNTIME_URL", rt.url(), "OCLI_TOKEN", token),
                    "environment (OCLI_TOKEN)");
            job(ctx, rt, "client-credentials", Map.of("OCLI_RUNTIME_URL", rt.url(), "OCLI_CLIENT_ID", CLIENT,
                    "OCLI_CLIENT_SECRET", secret, "OCLI_TOKEN_URL", kc.tokenEndpoint(KeycloakFixture.CORP),
                    "OCLI_SCOPES", "bundle:upstream audit:read runtime:refresh"), "environment (OCLI_CLIENT_ID, OCLI_CLIENT_SECRET, OCLI_TOKEN_URL)");

            ProcResult half = ctx.ocliAs(Files.createDirectories(ctx.workDir().resolve("half-home")),
                    Files.createDirectories(ctx.workDir().resolve("half-job")),
                    Map.of("OCLI_RUNTIME_URL", rt.url(), "OCLI_CLIENT_ID", CLIENT, "OCLI_TOKEN_URL", kc.tokenEndpoint(KeycloakFixture.CORP)),
                    "catalog", "list");
            ctx.check("half a client-credentials set: exit 2 naming the missing OCLI_CLIENT_SECRET",
                    half.exitCode() == 2 && half.stderr().contains("OCLI_CLIENT_SECRET"), "exit " + half.exitCode() + " " + half.stderr().strip());

            List<JsonNode> records = rt.audit(r -> SeparateRuntime.executed(r, "upstream:createTicket", CLIENT));
            ctx.check("the runtime's audit records the jobs' tool calls and workflow steps as client " + CLIENT,
                    SeparateRuntime.executed(records, "upstream:listTickets", CLIENT)
                            && SeparateRuntime.executed(records, "upstream:createTicket", CLIENT),
                    records.size() + " records");
            String transcript = Files.readString(ctx.transcriptFile());
            ctx.check("neither the token nor the client secret appears in the transcript",
                    !transcript.contains(token) && !transcript.contains(secret), "scanned");
        }
    }

    /** One CI job: an empty directory and HOME of its own, only {@code env}; the four things a job does. */
    private static void job(LaneContext ctx, SeparateRuntime rt, String name, Map<String, String> env, String source) throws Exception {
        Path home = Files.createDirectories(ctx.workDir().resolve(name + "-home"));
        Path dir = Files.createDirectories(ctx.workDir().resolve(name + "-job"));
        ctx.log("--- CI job '" + name + "': variables " + env.keySet().stream().sorted().toList() + ", no file");

        ProcResult listed = ctx.ocliAs(home, dir, env, "catalog", "list", "--format", "json");
        List<String> tools = listed.exitCode() == 0 ? CatalogJson.toolIds(ctx.json(listed.stdout()).path("catalog").path("tools")) : List.of();
        ctx.check(name + ": catalog list: exit 0 with the bundle's tools",
                tools.contains("upstream:createTicket") && tools.contains("upstream:listTickets"), "exit " + listed.exitCode() + " " + tools.size() + " tools");

        rt.project.reset(ctx);
        ProcResult call = ctx.ocliAs(home, dir, env, "upstream", "tickets", "list-tickets", "--format=json");
        ctx.check(name + ": a tool call reaches the test upstream", call.exitCode() == 0 && rt.project.requestCount(ctx) == 1,
                "exit " + call.exitCode() + " " + call.stderr().strip());

        ProcResult flow = ctx.ocliAs(home, dir, env, "workflow", "run", "openAndClose", "--input", "title=CI " + name, "--execute",
                "--format", "json");
        JsonNode steps = flow.exitCode() == 0 ? ctx.json(flow.stdout()).path("steps") : null;
        ctx.check(name + ": workflow openAndClose --execute: exit 0, three steps succeeded",
                steps != null && steps.size() == 3 && java.util.stream.StreamSupport.stream(steps.spliterator(), false)
                        .allMatch(step -> "succeeded".equals(step.path("status").asText())),
                "exit " + flow.exitCode() + " " + flow.stderr().strip());

        ProcResult audit = ctx.ocliAs(home, dir, env, "audit", "list", "--tool=upstream:createTicket", "--format", "json");
        JsonNode events = audit.exitCode() == 0 ? ctx.json(audit.stdout()).path("events") : null;
        ctx.check(name + ": audit list shows the workflow's createTicket", events != null && events.size() >= 1,
                "exit " + audit.exitCode() + " " + audit.stderr().strip());

        ProcResult status = ctx.ocliAs(home, dir, env, "auth", "status", "--format", "json");
        JsonNode s = status.exitCode() == 0 ? ctx.json(status.stdout()) : null;
        ctx.check(name + ": auth status names the environment as the source (" + source + ")",
                s != null && source.equals(s.path("credentialSource").asText()) && s.path("signedIn").asBoolean(),
                s == null ? "exit " + status.exitCode() : s.path("credentialSource").asText());

        List<String> written = SeparateRuntime.files(dir);
        ctx.check(name + ": the job directory is still empty (no file was needed or written)", written.isEmpty(), written.toString());
    }
}
