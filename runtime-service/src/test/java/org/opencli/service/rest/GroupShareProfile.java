package org.opencli.service.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.opencli.service.ServiceTestProfile;

/** The fixture config in a directory of its own, shared by a group: runtime.local share group with a key, shutdown manual. */
public class GroupShareProfile implements QuarkusTestProfile {
    static final String LOCAL = "\"runtime\": {\"local\": {\"sessionScope\": \"shared-group\", \"share\": \"group\","
            + " \"shareKey\": \"team-key\", \"shutdown\": \"manual\", \"heartbeatSeconds\": 2, \"missedHeartbeatLimit\": 5}},";
    static Path config;

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path dir = Files.createTempDirectory("oclird-group");
            Path fixtures = ServiceTestProfile.CONFIG.getParent();
            for (String name : new String[] {"helpdesk.openapi.yaml", "helpdesk.arazzo.yaml"}) {
                Files.copy(fixtures.resolve(name), dir.resolve(name));
            }
            config = dir.resolve(".cli.json");
            Files.writeString(config, Files.readString(ServiceTestProfile.CONFIG).replaceFirst("\\{", "{" + LOCAL));
            return Map.of("oclird.config", config.toString(),
                    "oclird.state-dir", Files.createTempDirectory("oclird-group-state").toString(),
                    "oclird.instance-id", "group-tests");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
