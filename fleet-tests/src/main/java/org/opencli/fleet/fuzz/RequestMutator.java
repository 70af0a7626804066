package org.opencli.fleet.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded request generator: starts from valid requests of every endpoint and mutates bodies (types,
 * unknown and duplicate members, trailing and concatenated JSON, truncation, byte flips, deep
 * nesting, huge numbers, control characters), query parameters, headers, methods and config paths.
 * The same seed yields the same sequence.
 */
public final class RequestMutator {
    private static final List<String> EXECUTE_SEEDS = List.of(
            "{\"toolId\":\"upstream:listTickets\"}",
            "{\"toolId\":\"upstream:getTicket\",\"pathArgs\":[\"1\"]}",
            "{\"toolId\":\"upstream:echoGet\",\"flags\":{\"q\":\"x\"},\"dryRun\":true}",
            "{\"toolId\":\"upstream:createTicket\",\"body\":{\"title\":\"fuzz\"},\"dryRun\":true}",
            "{\"toolId\":\"upstream:deleteTicket\",\"pathArgs\":[\"1\"],\"approval\":false,\"dryRun\":true}");
    private static final List<String> WORKFLOW_SEEDS = List.of(
            "{\"workflowId\":\"openAndClose\"}",
            "{\"workflowId\":\"openAndClose\",\"inputs\":{\"title\":\"t\"},\"approval\":false}");
    private static final List<String> MEMBERS = List.of("toolId", "workflowId", "configPath", "mode", "agentProfile",
            "pathArgs", "flags", "body", "bodyContentType", "approval", "dryRun", "execute", "inputs");
    private static final List<String> PATHS = List.of("/v1/tools/execute", "/v1/workflows/run", "/v1/catalog/effective",
            "/v1/runtime/info", "/v1/audit/events", "/v1/auth/browser-config", "/q/health/ready", "/v1/refresh",
            "/v1/nothing", "/v1/tools/execute/../../q", "/%2e%2e/v1", "/v1//catalog/effective");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    private final Random random;
    private final List<String> configPaths;

    public RequestMutator(long seed, List<String> configPaths) {
        this.random = new Random(seed);
        this.configPaths = configPaths;
    }

    public FuzzRequest next() {
        return switch (random.nextInt(7)) {
            case 0, 1 -> post("/v1/tools/execute", mutateBody(pick(EXECUTE_SEEDS)));
            case 2 -> post("/v1/workflows/run", mutateBody(pick(WORKFLOW_SEEDS)));
            case 3 -> new FuzzRequest("GET", "/v1/catalog/effective?config=" + encode(configPath())
                    + (random.nextBoolean() ? "&mode=" + encode(text()) : "")
                    + (random.nextBoolean() ? "&agentProfile=" + encode(text()) : ""), headers(), null);
            case 4 -> new FuzzRequest("GET", "/v1/audit/events?" + auditQuery(), headers(), null);
            case 5 -> new FuzzRequest(pick(METHODS), pick(PATHS) + (random.nextBoolean() ? "?" + encode(text()) + "=" + encode(text()) : ""),
                    headers(), random.nextBoolean() ? mutateBody(pick(EXECUTE_SEEDS)) : null);
            default -> post(random.nextBoolean() ? "/v1/tools/execute" : "/v1/workflows/run",
                    withConfigPath(pick(random.nextBoolean() ? EXECUTE_SEEDS : WORKFLOW_SEEDS)));
        };
    }

    private FuzzRequest post(String path, String body) {
        Map<String, String> headers = headers();
        if (random.nextInt(10) > 0) headers.put("Content-Type", "application/json");
        return new FuzzRequest("POST", path, headers, body);
    }

    private String withConfigPath(String seed) {
        return "{\"configPath\":" + jsonString(configPath()) + "," + seed.substring(1);
    }

    private String mutateBody(String seed) {
        String body = seed;
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) body = mutateOnce(body);
        return body;
    }

    private String mutateOnce(String body) {
        return switch (random.nextInt(14)) {
            case 0 -> body.substring(0, random.nextInt(body.length() + 1)); // truncated
            case 1 -> body + pick(List.of(" {}", "x", "]", " {\"toolId\":\"upstream:deleteTicket\"}", "\u0000", " 1"));
            case 2 -> "{\"" + pick(MEMBERS) + "\":" + value(0) + "," + body.substring(1); // replaced or duplicated
            case 3 -> "{\"" + text().replace("\"", "") + "\":" + value(0) + "," + body.substring(1); // unknown member
            case 4 -> flipByte(body);
            case 5 -> "{\"toolId\":\"x\",\"body\":" + "[".repeat(1 + random.nextInt(5000)) + "]".repeat(random.nextInt(5000)) + "}";
            case 6 -> "{\"toolId\":\"x\",\"flags\":{\"n\":" + "9".repeat(1 + random.nextInt(3000))
                    + pick(List.of("", "e999999", ".5e-99999", "E+1")) + "}}";
            case 7 -> "{\"toolId\":" + jsonString("upstream:listTickets" + "\u0000\n\r\t\u2028".charAt(random.nextInt(5))) + "}";
            case 8 -> body.replace("true", pick(List.of("\"true\"", "1", "null", "[]"))).replace("false", pick(List.of("\"false\"", "0", "{}")));
            case 9 -> body.replace("\"1\"", pick(List.of("1", "{\"admin\":\"true\"}", "[\"..\"]", "\"..\"", "\"\"", "null")));
            case 10 -> pick(List.of("[]", "null", "\"s\"", "1", "{}", "", " ", "\ufeff{}", "{\"toolId\":{}}"));
            case 11 -> "{\"toolId\":" + jsonString("t".repeat(random.nextInt(100_000))) + "}";
            case 12 -> body.replaceFirst("\\{", "{\"execute\":" + pick(List.of("1", "\"yes\"", "true")) + ",");
            default -> "{\"configPath\":" + jsonString(configPath()) + "," + body.substring(Math.min(1, body.length()));
        };
    }

    private String flipByte(String body) {
        if (body.isEmpty()) return "\u0001";
        char[] chars = body.toCharArray();
        chars[random.nextInt(chars.length)] = (char) random.nextInt(128);
        return new String(chars);
    }

    private String value(int depth) {
        return switch (random.nextInt(depth > 2 ? 6 : 8)) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> String.valueOf(random.nextLong());
            case 3 -> pick(List.of("1e300", "-0.0", "1e999999", "123456789012345678901234567890"));
            case 4 -> jsonString(text());
            case 5 -> jsonString(configPath());
            case 6 -> "[" + value(depth + 1) + "," + value(depth + 1) + "]";
            default -> "{\"" + pick(MEMBERS) + "\":" + value(depth + 1) + "}";
        };
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(6)) {
                case 0 -> headers.put("X-Request-Id", printable(random.nextInt(300)));
                case 1 -> headers.put("Authorization", pick(List.of("Bearer ", "Bearer a.b.c", "Basic x", "Bearer " + printable(50))));
                case 2 -> headers.put("Accept", pick(List.of("application/x-ndjson", "text/html", "*/*", printable(20))));
                case 3 -> headers.put("X-Padding", "p".repeat(random.nextInt(20_000)));
                case 4 -> headers.put("Content-Type", pick(List.of("application/json", "application/json; charset=latin1",
                        "text/plain", "application/problem+json", printable(10))));
                default -> headers.put("X-Ocli-Session", printable(random.nextInt(200)));
            }
        }
        return headers;
    }

    private String auditQuery() {
        List<String> names = List.of("since", "until", "eventType", "decision", "toolId", "principal", "requestId",
                "cursor", "limit", "order");
        StringBuilder q = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) q.append('&');
            q.append(pick(names)).append('=').append(encode(pick(List.of(text(), "-1", "99999999999999999999",
                    "2026-13-45T99:99:99Z", "0", "desc", "1e300"))));
        }
        return q.toString();
    }

    private String configPath() {
        return random.nextInt(8) == 0 ? text() : pick(configPaths);
    }

    /** Any characters, control characters and NUL included. */
    private String text() {
        int length = random.nextInt(random.nextInt(10) == 0 ? 3000 : 40);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x3000) : (char) (0x20 + random.nextInt(0x5f)));
        }
        return sb.toString();
    }

    /** Characters a header value may hold. */
    private String printable(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append((char) (0x21 + random.nextInt(0x5e)));
        return sb.toString();
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }
}
