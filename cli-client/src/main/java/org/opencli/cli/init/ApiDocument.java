package org.opencli.cli.init;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.json.Json;

/**
 * An OpenAPI document named on the {@code init} command line, read just far enough to name the
 * service: Jackson's YAML reader (JSON is YAML too), no OpenAPI parser.
 */
public record ApiDocument(String location, boolean remote, JsonNode content) {

    public static ApiDocument read(String location, Path cwd) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return new ApiDocument(location, true, fetch(location));
        }
        Path file = cwd.resolve(location).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.USAGE, "document_not_found", "Document not found", "no file at " + file);
        }
        try {
            return new ApiDocument(file.toString(), false, Json.YAML.readTree(file.toFile()));
        } catch (IOException e) {
            return new ApiDocument(file.toString(), false, null);
        }
    }

    /** {@code info.title} slugged, else the file name without extension slugged, else {@code api}. */
    public String serviceId() {
        String fromTitle = content == null ? null : StarterConfig.slug(content.path("info").path("title").asText(null));
        if (fromTitle != null) return fromTitle;
        String name = remote ? URI.create(location).getPath() : location;
        name = name == null ? "" : name.substring(name.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        String fromName = StarterConfig.slug(dot > 0 ? name.substring(0, dot) : name);
        return fromName != null ? fromName : "api";
    }

    private static JsonNode fetch(String url) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/yaml, application/json;q=0.9, */*;q=0.5").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) return null;
            return Json.YAML.readTree(response.body());
        } catch (IOException | IllegalArgumentException e) {
            return null; // the name then comes from the URL; the runtime reports fetch errors later
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
