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

    private InitReport(String serviceId, DocumentCheck.Result checked) {
        this.serviceId = serviceId;
        this.checked = checked;
        this.hints = checked.schemes().values().stream().map(r -> SecretHint.of(serviceId, r)).toList();
    }

    /** Runs {@link DocumentCheck} over the starter config; throws the engine's problem for a bad document. */
    public static InitReport check(ObjectNode starter, String serviceId, Path targetDir) {
        return new InitReport(serviceId, DocumentCheck.run(starter, serviceId, targetDir));
    }

    public ObjectNode json(Path target, String source) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("file", target.toString());
        result.put("serviceId", serviceId);
        result.put("source", source);
        result.put("tools", checked.tools());
        ArrayNode schemes = result.putArray("authSchemes");
        checked.schemes().values().forEach(r -> schemes.add(Json.MAPPER.valueToTree(r)));
        ArrayNode secrets = result.putArray("secrets");
        hints.stream().filter(h -> h.secretType() != null).forEach(h -> secrets.addObject()
                .put("name", h.secretName()).put("type", h.secretType()).put("scheme", h.scheme()).put("command", h.command()));
        return result;
    }

    public String text(Path target) {
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
}
