package org.opencli.service.observe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.opencli.service.ServiceTestProfile;

/** The service test daemon writing its log lines to a file as well (JSON, the file handler's default), with the engine's retries at DEBUG. */
public class RequestLogsProfile extends ServiceTestProfile {
    static final Path LOG_FILE = logFile();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("quarkus.log.file.enabled", "true");
        config.put("quarkus.log.file.path", LOG_FILE.toString());
        config.put("quarkus.log.category.\"org.opencli.core.execution\".level", "DEBUG");
        return config;
    }

    private static Path logFile() {
        try {
            return Files.createTempDirectory("oclird-logs").resolve("oclird.log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
