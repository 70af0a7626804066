package org.opencli.service.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;

/**
 * The container image's health check: {@code java -cp /opt/oclird/app/* org.opencli.service.launch.HealthProbe [URL]}.
 * Exits 0 when the URL (default {@value #DEFAULT_URL}, or {@code $OCLIRD_HEALTH_URL}) answers 200, 1
 * otherwise, so the image needs no shell, curl or wget. JDK classes only: it runs without the
 * Quarkus class loader, straight from the application jar.
 */
public final class HealthProbe {
    static final String DEFAULT_URL = "http://127.0.0.1:8765/q/health/ready";
    private static final int TIMEOUT_MILLIS = 3_000;

    private HealthProbe() {
    }

    public static void main(String... args) {
        String url = args.length > 0 ? args[0] : System.getenv().getOrDefault("OCLIRD_HEALTH_URL", DEFAULT_URL);
        System.exit(probe(url, System.err));
    }

    /** 0 when {@code url} answers 200 within the timeout; 1 otherwise, with one line on {@code err} saying why. */
    static int probe(String url, PrintStream err) {
        HttpURLConnection connection = null;
        try {
            URL target = URI.create(url).toURL();
            connection = (HttpURLConnection) target.openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            connection.setInstanceFollowRedirects(false);
            int status = connection.getResponseCode();
            drain(connection);
            if (status == 200) return 0;
            err.println("oclird health: " + url + " answered " + status);
            return 1;
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            err.println("oclird health: " + url + " not reachable: " + e);
            return 1;
        } finally {
            if (connection != null) connection.disconnect();
        }
    }

    /** Reads the (small, bounded) body so the connection closes cleanly; its content is not needed. */
    private static void drain(HttpURLConnection connection) throws IOException {
        InputStream body = connection.getResponseCode() < 400 ? connection.getInputStream() : connection.getErrorStream();
        if (body == null) return;
        try (body) {
            body.readNBytes(64 * 1024);
        }
    }
}
