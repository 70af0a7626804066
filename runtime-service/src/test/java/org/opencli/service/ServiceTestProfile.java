package org.opencli.service;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Points the daemon at the test fixture config and a throwaway state root. */
public class ServiceTestProfile implements QuarkusTestProfile {
    public static final Path CONFIG = Path.of("src/test/resources/svc/.cli.json").toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            return Map.of(
                    "oclird.config", CONFIG.toString(),
                    "oclird.state-dir", Files.createTempDirectory("oclird-test").toString(),
                    "oclird.instance-id", "rest-tests");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
