package org.opencli.core.catalog.skills;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencli.core.catalog.Guidance;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * Skill manifests ({@code oasCliSkill}, {@code serviceId}, {@code toolGuidance}) → guidance per
 * tool id. Keys are full tool ids; a key without ':' is taken as an operation id of the manifest's
 * service. Collecting into one map in manifest order makes later manifests win per tool.
 */
public final class SkillManifests {
    private SkillManifests() {
    }

    public static void collect(JsonNode manifest, String location, String defaultServiceId, Map<String, Guidance> into) {
        if (!manifest.has("oasCliSkill") || !manifest.path("toolGuidance").isObject()) {
            throw new OcliException(ErrorKind.CONFIG, "invalid_skill_manifest", "Invalid skill manifest",
                    location + ": expected \"oasCliSkill\" and a \"toolGuidance\" object");
        }
        String serviceId = manifest.path("serviceId").asText(defaultServiceId);
        for (var it = manifest.get("toolGuidance").fields(); it.hasNext();) {
            var e = it.next();
            String toolId = e.getKey().contains(":") ? e.getKey() : serviceId + ":" + e.getKey();
            into.put(toolId, guidance(e.getValue()));
        }
    }

    private static Guidance guidance(JsonNode g) {
        List<Guidance.Example> examples = new ArrayList<>();
        for (JsonNode ex : g.path("examples")) {
            examples.add(new Guidance.Example(ex.path("goal").asText(null), ex.path("command").asText(null)));
        }
        return new Guidance(strings(g.get("whenToUse")), strings(g.get("avoidWhen")), examples);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
