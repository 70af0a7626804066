package org.opencli.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code fleet-tests/matrix.json}: which lanes exist, what they prove, where CI can run them. */
public final class Matrix {
    private Matrix() {
    }

    public static List<LaneSpec> read(Path repoRoot) throws IOException {
        JsonNode root = new ObjectMapper().readTree(repoRoot.resolve("fleet-tests/matrix.json").toFile());
        List<LaneSpec> lanes = new ArrayList<>();
        for (JsonNode lane : root.path("lanes")) {
            lanes.add(new LaneSpec(lane.path("lane").asText(), lane.path("capability").asText(),
                    lane.path("class").asText(), lane.path("ciSafe").asBoolean(true), lane.path("description").asText()));
        }
        return lanes;
    }
}
