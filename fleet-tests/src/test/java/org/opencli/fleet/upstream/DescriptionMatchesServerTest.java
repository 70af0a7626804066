package org.opencli.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every operation in fixtures/upstream/upstream.openapi.yaml exists on the server (no 404/405), so
 * the description lanes execute against cannot drift from the service. Read as text: fleet-tests has
 * no YAML parser, and the file's layout (two-space indents) is ours.
 */
class DescriptionMatchesServerTest {
    private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
    private static final Pattern METHOD = Pattern.compile("^    (get|put|post|patch|delete):\\s*$");

    record Operation(String method, String path) {
    }

    static List<Operation> operations() throws Exception {
        Path root = Path.of(System.getProperty("ocli.repo.root", "..")).toAbsolutePath().normalize();
        List<String> lines = Files.readAllLines(root.resolve("fleet-tests/fixtures/upstream/upstream.openapi.yaml"));
        List<Operation> operations = new ArrayList<>();
        String path = null;
        boolean inPaths = false;
        for (String line : lines) {
            if (line.equals("paths:")) inPaths = true;
            else if (!line.startsWith(" ") && !line.isBlank() && !line.startsWith("#")) inPaths = false;
            if (!inPaths) continue;
            Matcher p = PATH.matcher(line);
            if (p.matches()) path = p.group(1);
            Matcher m = METHOD.matcher(line);
            if (m.matches()) operations.add(new Operation(m.group(1).toUpperCase(), path));
        }
        return operations;
    }

    @Test
    void everyDescribedOperationIsServed() throws Exception {
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(24);
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamClient client = new UpstreamClient(upstream);
            String id = UpstreamClient.json(client.sendJson("POST", "/api/tickets", "{\"title\":\"seed\"}")).path("id").asText();
            for (Operation op : operations) {
                if (op.method().equals("DELETE")) continue; // run last, it removes the seed ticket
                assertThat(call(client, op, id).statusCode()).as("%s %s", op.method(), op.path()).isNotIn(404, 405);
            }
            for (Operation op : operations) {
                if (op.method().equals("DELETE")) assertThat(call(client, op, id).statusCode()).isEqualTo(204);
            }
        }
    }

    private static HttpResponse<String> call(UpstreamClient client, Operation op, String ticketId) throws Exception {
        String path = "/api" + op.path().replace("{ticketId}", ticketId).replace("{rest}", "x")
                + (op.path().equals("/slow") ? "?ms=0" : "");
        HttpRequest.Builder request = client.request(path);
        boolean form = op.path().endsWith("/search");
        request.header("Content-Type", form ? "application/x-www-form-urlencoded" : "application/json");
        String body = form ? "q=seed" : "{\"title\":\"seed\"}";
        return client.send(request.method(op.method(), op.method().equals("GET") || op.method().equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
