package org.opencli.cli.init;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.opencli.core.json.Json;

/**
 * What {@code ocli init} says about a checked document: its tool count, the security schemes its
 * operations use and the secrets they need. Kept out of the command class so that building the
 * command tree (every {@code ocli} call, daemon mode included) never loads catalog classes.
 */
public final class InitReport {
    private final String serviceId;
    private final DocumentCheck.Result checked;
    private final List<SecretHint> hints;
    /** The MCP server, or null for an OpenAPI document. */
    private final McpServerSpec mcp;

    private InitReport(String serviceId, DocumentCheck.Result checked, List<SecretHint> hints, McpServerSpec mcp) {
        this.serviceId = serviceId;
        this.checked = checked;
        this.hints = hints;
        this.mcp = mcp;
    }

    /** Runs {@link DocumentCheck} over the starter config; throws the engine's problem for a bad document. */
    public static InitReport check(ObjectNode starter, String serviceId, Path targetDir) {
        DocumentCheck.Result checked = DocumentCheck.run(starter, serviceId, targetDir);
        return new InitReport(serviceId, checked, checked.schemes().values().stream().map(r -> SecretHint.of(serviceId, r)).toList(), null);
    }

    /**
     * Lists the MCP server's tools through the engine, as the runtime will (throws its problem when
     * the server cannot be reached); the secrets are those its {@code headerSecrets} name. A server
     * whose headers need secrets is not contacted: the starter config has no secrets yet.
     */
    public static InitReport checkMcp(ObjectNode starter, String serviceId, McpServerSpec server, Path targetDir) {
        DocumentCheck.Result checked = server.headerSecrets().isEmpty() ? DocumentCheck.run(starter, serviceId, targetDir) : null;
        List<SecretHint> hints = server.headerSecrets().entrySet().stream().map(e -> SecretHint.forHeader(e.getKey(), e.getValue())).toList();
        return new InitReport(serviceId, checked, hints, server);
    }

    public ObjectNode json(Path target, String source) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("file", target.toString());
        result.put("serviceId", serviceId);
        result.put("source", source);
        if (mcp != null) result.put("transport", mcp.transport());
        if (checked == null) result.putNull("tools");
        else result.put("tools", checked.tools());
        ArrayNode schemes = result.putArray("authSchemes");
        if (checked != null) checked.schemes().values().forEach(r -> schemes.add(Json.MAPPER.valueToTree(r)));
        ArrayNode secrets = result.putArray("secrets");
        hints.stream().filter(h -> h.secretType() != null).forEach(h -> secrets.addObject()
                .put("name", h.secretName()).put("type", h.secretType()).put("scheme", h.scheme()).put("command", h.command()));
        return result;
    }

    public String text(Path target) {
        if (mcp != null) return mcpText(target);
        StringBuilder sb = new StringBuilder("wrote " + target + " (service '" + serviceId + "', " + checked.tools()
                + (checked.tools() == 1 ? " tool" : " tools") + "; try: ocli " + serviceId + " --help)");
        if (hints.isEmpty()) return sb.append("\nauth: none of its operations declares security").toString();
        sb.append("\nauth schemes its operations use:");
        hints.forEach(h -> sb.append("\n  ").append(h.scheme()).append(": ").append(h.description()));
        sb.append("\nsecrets they need (add them, then set the variables):");
        for (SecretHint h : hints) {
            sb.append("\n  ").append(h.secretName());
            if (h.command() == null) sb.append(": none this runtime can use");
            else sb.append(" (").append(h.secretType()).append("):\n    ").append(h.command());
        }
        return sb.toString();
    }

    private String mcpText(Path target) {
        String tools = checked == null ? "not contacted: its headers need secrets"
                : checked.tools() + (checked.tools() == 1 ? " tool" : " tools");
        StringBuilder sb = new StringBuilder("wrote " + target + " (MCP server '" + serviceId + "' over " + mcp.transport() + ", "
                + tools + "; try: ocli " + serviceId + " --help)");
        if (hints.isEmpty()) return sb.toString();
        sb.append("\nsecrets its headers need (add them, then set the variables):");
        hints.forEach(h -> sb.append("\n  ").append(h.secretName()).append(" (").append(h.description()).append("):\n    ").append(h.command()));
        return sb.toString();
    }
}
